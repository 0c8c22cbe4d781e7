/**
 * `npm run bench`: Sitrep's benchmarks, each reporting figures measured side by side in one run as RATIOS
 * (absolute times drift on a shared machine). Prints one table per benchmark and a summary of the goals
 * (the goals are listed in the README, Benchmarks) on stdout; progress goes to stderr.
 *
 *   BENCH_QUICK=1            tiny sizes, short runs: a smoke check that every benchmark runs (goals not judged)
 *   BENCH_ONLY=cached,import run only these (names below: cached, uncached, import, pdf-email)
 *   BENCH_EVENTS=1000000     events stored for the uncached benchmark (default 100000)
 *   BENCH_IMPORT_EVENTS=N    events in the import benchmark's file (default 50000)
 *   BENCH_JSON=FILE          also write every result as JSON
 *   BENCH_CPU_PROF=DIR       write a CPU profile of the Sitrep server under load (cached benchmark) to DIR
 *
 * ADDING A BENCHMARK (e.g. PDF, email): write `test/bench/<name>.bench.ts` exporting a `BenchModule` (harness.ts):
 * a name, a description, and `run(ctx)` returning a title, rows (value + unit, optionally a ratio against the
 * benchmark's own reference, a goal such as "<= 60" or ">= 0.6" judged with `judged(row, ctx.quick, 'value' | 'ratio')`)
 * and notes. Honour `ctx.quick` with tiny sizes, clean up in `finally`, then add it to BENCHMARKS below.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';

// Production templates (compiled once, no file watching) unless the caller says otherwise: set before any
// module reads the configuration.
process.env.NODE_ENV ??= 'production';
process.env.LOG_LEVEL ??= 'error';

import { cachedPathBench } from './cached-path.bench';
import { BenchModule, BenchResult, TempDirs, formatResult, status } from './harness';
import { importSpeedBench } from './import-speed.bench';
import { pdfEmailBench } from './pdf-email.bench';
import { uncachedBriefingBench } from './uncached-briefing.bench';

/** Every benchmark, in the order they run. Add new ones here. */
export const BENCHMARKS: BenchModule[] = [cachedPathBench, uncachedBriefingBench, importSpeedBench, pdfEmailBench];

export async function runBenchmarks(
  options: { quick: boolean; only?: string[]; out?: (text: string) => void } = { quick: false },
): Promise<BenchResult[]> {
  const out = options.out ?? ((text: string) => process.stdout.write(`${text}\n`));
  const selected = options.only === undefined ? BENCHMARKS : BENCHMARKS.filter((b) => options.only!.includes(b.name));
  if (options.only !== undefined && selected.length !== options.only.length) {
    throw new Error(
      `BENCH_ONLY: unknown benchmark among ${options.only.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
    );
  }
  const dirs = new TempDirs();
  const ctx = {
    quick: options.quick,
    log: (m: string) => process.stderr.write(`[bench] ${m}\n`),
    tmpDir: (p: string) => dirs.make(p),
  };
  out(`# Sitrep benchmarks${options.quick ? ' (BENCH_QUICK: smoke sizes, goals not judged)' : ''}`);
  out(
    `node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), NODE_ENV=${process.env.NODE_ENV}, ${new Date().toISOString()}\n`,
  );
  const results: BenchResult[] = [];
  const failures: string[] = [];
  try {
    for (const bench of selected) {
      ctx.log(`${bench.name}: ${bench.description}`);
      const start = Date.now();
      try {
        const result = await bench.run(ctx);
        results.push(result);
        out(`${formatResult(result)}\n\n(${bench.name}: ${((Date.now() - start) / 1000).toFixed(0)} s)\n`);
      } catch (error) {
        failures.push(`${bench.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        out(`## ${bench.name}: FAILED\n${failures[failures.length - 1]}\n`);
      }
    }
  } finally {
    dirs.removeAll();
  }
  const goals = results.flatMap((r) =>
    r.rows.filter((row) => row.goal !== undefined).map((row) => ({ bench: r.title.split(' ')[0], row })),
  );
  if (goals.length > 0) {
    out('## Goals');
    for (const { bench, row } of goals) {
      const figure =
        row.judgedOn === 'value' || row.ratio === undefined || row.ratio === null
          ? `${Math.round(row.value * 10) / 10} ${row.unit}`
          : `${row.ratio.toFixed(2)}x`;
      out(`- [${status(row).padEnd(6)}] ${bench} ${row.name}: ${figure} (goal ${row.goal})`);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} benchmark(s) failed:\n${failures.join('\n')}`);
  return results;
}

if (require.main === module) {
  const quick = /^(?:1|true|yes)$/i.test(process.env.BENCH_QUICK ?? '');
  const only = process.env.BENCH_ONLY
    ? process.env.BENCH_ONLY.split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
  runBenchmarks({ quick, only }).then(
    (results) => {
      if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(results, null, 2)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
