import { AppError } from '../errors/app-errors';

/**
 * The secret of an `Authorization: Bearer <key>` header; null when there is no header (or an empty one). A header of
 * any other form (`Basic …`, `Token …`, `Bearer` with no key or with more than one word) is UNAUTHENTICATED: a client
 * that meant to send a key is told so, rather than quietly served as anonymous.
 */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  if (match === null) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <key>"');
  return match[1];
}
