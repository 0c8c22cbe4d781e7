import { Brackets } from 'typeorm';
import type { PageKey } from '../../validation/page-cursor';

/** Which page: `size` rows read forwards after `after`, or backwards before `before`; either cursor may bound. */
export interface PageWindow {
  size: number;
  backward: boolean;
  after: PageKey | null;
  before: PageKey | null;
}

/**
 * Rows whose (first column, id column) compares to the key as `op` does, first column first. In a newest-first
 * list `<` is "later in the list"; `<=` and `>=` include the key's own row. `tag` keeps parameter names apart
 * when one query compares against several keys.
 */
export function keyBeyond(
  op: '<' | '>' | '<=' | '>=',
  [first, id]: PageKey,
  [firstColumn, idColumn]: readonly [string, string],
  tag: string,
): Brackets {
  const strict = op.charAt(0);
  return new Brackets((q) =>
    q
      .where(`${firstColumn} ${strict} :${tag}Key`, { [`${tag}Key`]: first })
      .orWhere(`(${firstColumn} = :${tag}Key AND ${idColumn} ${op} :${tag}Id)`, { [`${tag}Id`]: id }),
  );
}
