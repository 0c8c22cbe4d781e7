import type { Runtime } from '../app/runtime';
import { preconditionFailed } from '../errors/app-errors';

/** `--fronts gaza, iran` as slugs; null (all fronts) when the option is absent or names none. */
export function frontList(option: string | undefined): string[] | null {
  if (option === undefined) return null;
  const fronts = option
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return fronts.length > 0 ? fronts : null;
}

/** Briefing commands read the schema as migrated; an older database is the operator's to migrate first. */
export async function requireMigrated({ services }: Runtime): Promise<void> {
  if (await services.db.pendingMigrations())
    throw preconditionFailed('database', 'has pending migrations: run `sitrep migrate` first');
}
