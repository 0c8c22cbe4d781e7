import type { Runtime } from '../app/runtime';
import { preconditionFailed } from '../errors/app-errors';

/** Briefing commands read the schema as migrated; an older database is the operator's to migrate first. */
export async function requireMigrated({ services }: Runtime): Promise<void> {
  if (await services.db.pendingMigrations())
    throw preconditionFailed('database', 'has pending migrations: run `sitrep migrate` first');
}
