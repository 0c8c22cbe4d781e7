/**
 * Benchmark 3: import speed through the CLI's path (`importFile`: read NDJSON, validate every line, check slugs,
 * write all in one transaction) into a fresh, seeded SQLite database. BENCH_IMPORT_EVENTS events (default 50,000).
 * Then the same file again, which must change nothing (idempotent by external id).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importFile } from '../../src/importing/import-file';
import { briefingScenario, openBenchRuntime } from './fixtures';
import { BenchContext, BenchModule, BenchResult, judged } from './harness';

export const importSpeedBench: BenchModule = {
  name: 'import',
  description: 'Events per second into SQLite through importFile (the CLI import path)',
  async run(ctx: BenchContext): Promise<BenchResult> {
    const total = ctx.quick ? 1_000 : Number(process.env.BENCH_IMPORT_EVENTS ?? 50_000);
    const dir = ctx.tmpDir('import');
    const file = path.join(dir, 'events.ndjson');
    const out = fs.openSync(file, 'w');
    for (const event of briefingScenario(total, 100, 'import')) fs.writeSync(out, `${JSON.stringify(event)}\n`);
    fs.closeSync(out);
    const bytes = fs.statSync(file).size;
    const runtime = await openBenchRuntime(dir);
    try {
      ctx.log(`import: importing ${total.toLocaleString('en-US')} events (${(bytes / 1e6).toFixed(1)} MB NDJSON)`);
      const run = async (): Promise<{ ms: number; created: number; unchanged: number }> => {
        const start = performance.now();
        const outcome = await importFile(runtime.services, file);
        const ms = performance.now() - start;
        if (!outcome.ok)
          throw new Error(
            `import rejected ${outcome.rejected.length} lines, first: ${JSON.stringify(outcome.rejected[0])}`,
          );
        return { ms, created: outcome.result.created, unchanged: outcome.result.unchanged };
      };
      const statementsBefore = runtime.services.db.statementCount;
      const first = await run();
      const statements = runtime.services.db.statementCount - statementsBefore;
      if (first.created !== total) throw new Error(`first import created ${first.created} of ${total}`);
      const again = await run();
      if (again.unchanged !== total) throw new Error(`second import left ${again.unchanged} of ${total} unchanged`);
      const rate = (total / first.ms) * 1000;
      return {
        title: `3. Import through importFile (CLI path), ${total.toLocaleString('en-US')} events, ${(bytes / 1e6).toFixed(1)} MB NDJSON, into SQLite`,
        rows: [
          judged(
            {
              name: 'first import (all created)',
              value: rate,
              unit: 'events/s',
              goal: '>= 25000',
              note: `${(first.ms / 1000).toFixed(2)} s, ${statements} SQL statements`,
            },
            ctx.quick,
            'value',
          ),
          {
            name: 're-import of the same file (all unchanged)',
            value: (total / again.ms) * 1000,
            unit: 'events/s',
            ratio: first.ms / again.ms,
            ratioOf: 'faster than first',
            note: `${(again.ms / 1000).toFixed(2)} s`,
          },
        ],
        notes: [
          'One transaction for the whole file, written in batches of 2,000 (src/importing/import-file.ts); no progress bar (not a terminal).',
        ],
      };
    } finally {
      await runtime.close();
    }
  },
};
