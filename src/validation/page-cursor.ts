import { badInput } from '../errors/app-errors';

/** A row's key in a list's order: a date or an instant, then its id (lists are newest first, ties by id). */
export type PageKey = readonly [string, string];

/*
 * A cursor is a row's PageKey, opaque to clients. It stays valid when its row is deleted: it names a position in
 * the order, not the row.
 */

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key of a cursor this API returned; anything else is BAD_USER_INPUT naming the argument. */
export function decodeCursor(cursor: string | null | undefined, field: string): PageKey | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return [value[0], value[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput(field, 'is not a cursor returned by this API');
}
