import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PROJECT_ROOT } from '../../config/config';
import { printPossibleTypes, printSdl } from '../../graphql/schema';

export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');
export const POSSIBLE_TYPES_FILE = path.join(PROJECT_ROOT, 'schema', 'possible-types.json');

export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description(
      'Write the GraphQL SDL the code generates to schema/schema.graphql, and the union members for client caches to schema/possible-types.json.',
    )
    .option('--check', 'exit non-zero when a committed file differs instead of writing it')
    .action(async (opts: { check?: boolean }) => {
      const files: [string, string][] = [
        [SCHEMA_FILE, await printSdl()],
        [POSSIBLE_TYPES_FILE, await printPossibleTypes()],
      ];
      for (const [file, text] of files) {
        const name = path.relative(PROJECT_ROOT, file);
        if (opts.check) {
          const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
          if (committed !== text) {
            process.stderr.write(`${name} is out of date: run \`npm run schema:write\`\n`);
            process.exitCode = 1;
          }
          continue;
        }
        fs.writeFileSync(file, text);
        process.stdout.write(`Wrote ${file}\n`);
      }
    });
}
