import fs from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { boundMessage } from '../../errors/app-errors';
import { importFile, ImportProgress } from '../../importing/import-file';
import { withRuntime } from '../with-runtime';

/** Rejections printed before the report says how many more there were. */
const REPORT_LIMIT = 50;

function terminalProgress(): ImportProgress | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new SingleBar(
    {
      format: 'Importing [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left',
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  return { start: (total) => bar.start(total, 0), update: (done) => bar.update(done), stop: () => bar.stop() };
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .argument('<file>', 'events as a JSON array or NDJSON (one event per line), each with an externalId')
    .description('Import events all or nothing: any rejected line is reported and nothing is written.')
    .action((file: string) =>
      withRuntime(async ({ services }) => {
        if (!fs.existsSync(file)) {
          process.stderr.write(`sitrep: ${boundMessage(`no such file: ${file}`)}\n`);
          process.exitCode = 1;
          return;
        }
        await services.db.migrate();
        const outcome = await importFile(services, file, terminalProgress());
        if (!outcome.ok) {
          process.stderr.write(
            `Rejected ${outcome.rejectedCount} of ${outcome.total} records; nothing was imported.\n`,
          );
          for (const r of outcome.rejected.slice(0, REPORT_LIMIT))
            process.stderr.write(`  line ${r.line}: ${r.message}\n`);
          if (outcome.rejectedCount > REPORT_LIMIT)
            process.stderr.write(`  … and ${outcome.rejectedCount - REPORT_LIMIT} more\n`);
          process.exitCode = 1;
          return;
        }
        const { created, updated, unchanged } = outcome.result;
        process.stdout.write(
          `Imported ${outcome.total} events: ${created} created, ${updated} updated, ${unchanged} unchanged.\n`,
        );
      }),
    );
}
