import type { Command } from 'commander';
import { withRuntime } from '../with-runtime';

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations.')
    .action(() =>
      withRuntime(async ({ services }) => {
        const applied = await services.db.migrate();
        process.stdout.write(applied.length === 0 ? 'Database is up to date.\n' : `Applied: ${applied.join(', ')}\n`);
      }),
    );
  program
    .command('seed')
    .description('Load the seed data (seeds/*.json) in one transaction; loading it again changes nothing.')
    .action(() =>
      withRuntime(async ({ services }) => {
        await services.db.migrate();
        const { references, events } = await services.seed.seed();
        process.stdout.write(
          `Seeded ${references} reference records; events: ${events.created} created, ${events.updated} updated, ${events.unchanged} unchanged.\n`,
        );
      }),
    );
}
