import type { Command } from 'commander';
import { frontList } from '../../validation/front-list';
import { requireMigrated } from '../briefing-options';
import { withRuntime } from '../with-runtime';

interface PublishOptions {
  date: string;
  fronts?: string;
  tz: string;
  cutoff?: string;
}

/** `sitrep publish`: publishes an edition as `publishEdition` does, by nobody (no API key), and prints its hashes. */
export function registerPublishCommand(program: Command): void {
  program
    .command('publish')
    .description('Publish the briefing of a date as its next edition; prints the edition id and each format’s SHA-256.')
    .requiredOption('--date <YYYY-MM-DD>', 'the day of the briefing')
    .option('--fronts <slugs>', 'comma-separated front slugs, e.g. gaza,iran (default: all fronts)')
    .option('--tz <zone>', 'IANA timezone the days and times are in', 'UTC')
    .option('--cutoff <instant>', 'the information cutoff, ISO 8601 with an offset (default: now)')
    .action(async (opts: PublishOptions) => {
      await withRuntime(async (runtime) => {
        await requireMigrated(runtime);
        const { editions } = runtime.services;
        const edition = await editions.publish(
          { date: opts.date, fronts: frontList(opts.fronts), timezone: opts.tz, cutoff: opts.cutoff ?? null },
          null,
        );
        const formats = (await editions.formatInfos([edition.id])).get(edition.id) ?? [];
        const lines = [
          `edition ${edition.id}`,
          `number ${edition.number} of ${edition.date} (${edition.frontsKey}, ${edition.timezone}), cutoff ${edition.cutoff}`,
          ...formats.map((f) => `${f.format.padEnd(8)} ${f.sha256}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
