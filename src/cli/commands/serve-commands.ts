import type { Command } from 'commander';
import { openRuntime } from '../../app/runtime';
import { serve, stopOnSignals } from '../../app/serve';

export function registerServeCommands(program: Command): void {
  const run = (seedIfEmpty: boolean) => async (): Promise<void> => {
    const runtime = await openRuntime();
    try {
      const server = await serve(runtime, { seedIfEmpty });
      stopOnSignals(server, runtime);
      process.stdout.write(`Sitrep GraphQL at ${runtime.config.publicUrl ?? server.url}/graphql\n`);
    } catch (error) {
      await runtime.close();
      throw error;
    }
  };
  program
    .command('start')
    .description('Migrate, load the seed data into an empty database, and serve (what `npm start` runs).')
    .action(run(true));
  program.command('serve').description('Migrate and serve GraphQL on PORT (default 4000).').action(run(false));
}
