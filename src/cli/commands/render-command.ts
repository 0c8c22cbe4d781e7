import fs from 'node:fs';
import type { Command } from 'commander';
import { badInput, preconditionFailed } from '../../errors/app-errors';
import { CLI_FORMAT_CHOICES, CLI_FORMAT_HELP, CLI_FORMATS } from '../../output/formats/formats';
import { frontList } from '../../validation/front-list';
import { requireMigrated } from '../briefing-options';
import { withRuntime } from '../with-runtime';

interface RenderOptions {
  date: string;
  format: string;
  fronts?: string;
  tz: string;
  template?: string;
  paper?: string;
  out?: string;
}

export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description('Render the briefing of a date to stdout, or to a file with --out.')
    .requiredOption('--date <YYYY-MM-DD>', 'the day of the briefing')
    .option('--format <format>', CLI_FORMAT_HELP, 'html')
    .option('--fronts <slugs>', 'comma-separated front slugs, e.g. gaza,iran (default: all fronts)')
    .option('--tz <zone>', 'IANA timezone the days and times are in', 'UTC')
    .option('--template <name>', "a template name from the templates list (default: the format's default)")
    .option('--paper <size>', 'a4 or letter (PDF only)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: RenderOptions) => {
      const format = CLI_FORMATS[opts.format.toLowerCase()];
      if (format === undefined) throw badInput('format', `must be one of ${CLI_FORMAT_CHOICES}, got "${opts.format}"`);
      const fronts = frontList(opts.fronts);
      await withRuntime(async (runtime) => {
        await requireMigrated(runtime);
        const { services } = runtime;
        const rendered = await services.briefingRenders.render({ date: opts.date, fronts, timezone: opts.tz }, format, {
          template: opts.template ?? null,
          paper: opts.paper ?? null,
        });
        if (opts.out === undefined) {
          process.stdout.write(rendered.bytes);
          return;
        }
        try {
          fs.writeFileSync(opts.out, rendered.bytes);
        } catch (error) {
          throw preconditionFailed('out', `cannot write ${opts.out}: ${(error as Error).message}`);
        }
        process.stderr.write(`Wrote ${opts.out} (${rendered.contentType}, ${rendered.bytes.length} bytes)\n`);
      });
    });
}
