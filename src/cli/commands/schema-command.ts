import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../../config/config';
import { printSdl } from '../../graphql/schema';

export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');

export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('Write the GraphQL SDL the code generates to schema/schema.graphql.')
    .option('--check', 'exit non-zero when the committed file differs instead of writing it')
    .action(async (opts: { check?: boolean }) => {
      const sdl = await printSdl();
      if (opts.check) {
        const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
        if (committed !== sdl) {
          process.stderr.write('schema/schema.graphql is out of date: run `npm run schema:write`\n');
          process.exitCode = 1;
        }
        return;
      }
      fs.writeFileSync(SCHEMA_FILE, sdl);
      process.stdout.write(`Wrote ${SCHEMA_FILE}\n`);
    });
}
