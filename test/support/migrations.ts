import type { MigrationInterface } from 'typeorm';
import type { TestServer } from './test-server';

/** Runs a migration's `down` and then its `up` on the server's database, as an operator undoing and redoing it would. */
export async function undoAndRedo(server: TestServer, migration: MigrationInterface): Promise<void> {
  const runner = server.services.db.dataSource.createQueryRunner();
  try {
    await migration.down(runner);
    await migration.up(runner);
  } finally {
    await runner.release();
  }
}
