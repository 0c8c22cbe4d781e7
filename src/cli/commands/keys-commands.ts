import type { Command } from 'commander';
import { withRuntime } from '../with-runtime';

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('Manage API keys (stored only as hashes).');
  keys
    .command('create')
    .requiredOption('--name <name>', 'who or what the key is for')
    .option('--role <role>', 'reader or editor', 'reader')
    .description('Create a key. It is shown once: the last line printed is the key.')
    .action((opts: { name: string; role: string }) =>
      withRuntime(async ({ services }) => {
        await services.db.migrate();
        const { key, secret } = await services.keys.create(opts.name, opts.role);
        process.stdout.write(
          `Created ${key.role} key "${key.name}" (id ${key.id}). Store it now; it cannot be shown again:\n${secret}\n`,
        );
      }),
    );
  keys
    .command('list')
    .description('List keys: id, prefix, role, name, created, revoked.')
    .action(() =>
      withRuntime(async ({ services }) => {
        await services.db.migrate();
        const rows = await services.keys.list();
        if (rows.length === 0) process.stdout.write('No API keys.\n');
        for (const k of rows) {
          process.stdout.write(
            `${k.id}  ${k.keyPrefix}…  ${k.role.padEnd(6)}  ${k.name}  created ${k.createdAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}\n`,
          );
        }
      }),
    );
  keys
    .command('revoke')
    .argument('<key>', 'the key id, or the prefix `keys list` shows')
    .description('Revoke a key; requests with it are refused from then on.')
    .action((id: string) =>
      withRuntime(async ({ services }) => {
        await services.db.migrate();
        const key = await services.keys.revoke(id);
        process.stdout.write(`Revoked key "${key.name}" (id ${key.id}).\n`);
      }),
    );
}
