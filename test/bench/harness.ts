/**
 * The benchmark harness: what a benchmark module looks like, how its figures are reported, and the two ways of
 * measuring (in-process operations interleaved round by round, and HTTP load with autocannon). Figures are
 * compared as RATIOS measured side by side in one run: absolute times drift on a shared 2-core machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

/** What every benchmark receives. */
export interface BenchContext {
  /** BENCH_QUICK=1: tiny sizes and short runs, a smoke check that the benchmark works, not a measurement. */
  quick: boolean;
  /** Progress lines (stderr), so the report on stdout stays a clean table. */
  log: (message: string) => void;
  /** A fresh temp folder, removed when the run ends. */
  tmpDir(prefix: string): string;
}

/** One measured figure. `ratio` is against the benchmark's reference (see `ratioOf`). */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  ratio?: number | null;
  /** What the ratio is relative to, e.g. "bare HTTP". */
  ratioOf?: string;
  /** e.g. ">= 0.60" (checked against `ratio`) or ">= 10000" (against `value`). */
  goal?: string;
  /** true/false when there is a goal; null when the run cannot judge it (quick mode). */
  met?: boolean | null;
  /** What the goal was judged on (set by `judged`). */
  judgedOn?: 'ratio' | 'value';
  note?: string;
}

export interface BenchResult {
  title: string;
  rows: BenchRow[];
  /** Free-form findings printed under the table (statement counts per request, cache hits, …). */
  notes: string[];
}

/**
 * A benchmark. Add one by writing a module that exports a BenchModule and listing it in `BENCHMARKS` (run.ts).
 * `run` must clean up after itself (servers stopped, databases closed) even when it throws.
 */
export interface BenchModule {
  /** Short name for BENCH_ONLY (comma-separated names). */
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}

/** Checks a goal such as ">= 0.6" or "<= 2" against a number. */
export function meets(goal: string, actual: number): boolean {
  const m = /^(>=|<=)\s*([\d.]+)/.exec(goal.replace(/,/g, ''));
  if (m === null) throw new Error(`unreadable goal "${goal}"`);
  return m[1] === '>=' ? actual >= Number(m[2]) : actual <= Number(m[2]);
}

/** A row with its goal judged (never in quick mode: tiny runs prove nothing). */
export function judged(row: BenchRow, quick: boolean, against: 'ratio' | 'value' = 'ratio'): BenchRow {
  if (row.goal === undefined) return row;
  const actual = against === 'ratio' ? row.ratio : row.value;
  return {
    ...row,
    judgedOn: against,
    met: quick || actual === null || actual === undefined ? null : meets(row.goal, actual),
  };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export interface TimedCase {
  name: string;
  /** One operation; the harness awaits it. */
  fn: () => unknown;
}

/**
 * Milliseconds per operation of each case, measured side by side: in each round every case runs for `msPerRound`
 * (at least `minOps` operations), the cases take turns, and the median of the rounds is reported. Interleaving
 * keeps a drift of the machine's speed from favouring whichever case ran first.
 */
export async function timeInterleaved(
  cases: readonly TimedCase[],
  opts: { rounds: number; msPerRound: number; minOps?: number; warmupOps?: number },
): Promise<Map<string, number>> {
  for (const c of cases) for (let i = 0; i < (opts.warmupOps ?? 3); i++) await c.fn();
  const perRound = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let round = 0; round < opts.rounds; round++) {
    // Alternate the order too, so neither case always follows the other's garbage.
    const order = round % 2 === 0 ? cases : [...cases].reverse();
    for (const c of order) {
      let ops = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < opts.msPerRound || ops < (opts.minOps ?? 1)) {
        await c.fn();
        ops += 1;
        elapsed = performance.now() - start;
      }
      perRound.get(c.name)!.push(elapsed / ops);
    }
  }
  return new Map([...perRound].map(([name, values]) => [name, median(values)]));
}

export interface HttpTarget {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The status every response must have (200 unless said). */
  expectStatus?: number;
}

export interface HttpFigures {
  /** Median over the rounds of the mean requests per second. */
  requestsPerSecond: number;
  /** All rounds. */
  rounds: number[];
  requests: number;
  /** Responses with another status than expected, and socket errors/timeouts. */
  unexpected: number;
  errors: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Growth of `opts.counter` per request over the rounds (e.g. SQL statements per request under load). */
  counterPerRequest: number | null;
}

async function runAutocannon(
  target: HttpTarget,
  seconds: number,
  connections: number,
): Promise<autocannon.Result & { unexpected: number }> {
  let unexpected = 0;
  const expect = target.expectStatus ?? 200;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.method ?? 'GET',
        headers: target.headers,
        body: target.body,
        connections,
        pipelining: 1,
        duration: seconds,
      },
      (error: Error | null, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode) => {
      if (statusCode !== expect) unexpected += 1;
    });
  });
  return Object.assign(result, { unexpected });
}

/**
 * Requests per second of each target under the same load (autocannon in this process, the servers in their own),
 * in interleaved rounds: target A, B, C, then A, B, C again, … The median round is reported.
 */
export async function loadInterleaved(
  targets: readonly HttpTarget[],
  opts: {
    rounds: number;
    seconds: number;
    connections: number;
    warmupSeconds: number;
    log?: (m: string) => void;
    /** Read before and after each target's rounds, e.g. the server's SQL statement count; null for targets it does not concern. */
    counter?: (target: HttpTarget) => Promise<number | null>;
  },
): Promise<Map<string, HttpFigures>> {
  if (opts.warmupSeconds > 0) for (const t of targets) await runAutocannon(t, opts.warmupSeconds, opts.connections);
  const results = new Map<string, autocannon.Result & { unexpected: number }>();
  const rounds = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  const totals = new Map<
    string,
    { requests: number; unexpected: number; errors: number; p50: number[]; p99: number[] }
  >(targets.map((t) => [t.name, { requests: 0, unexpected: 0, errors: 0, p50: [], p99: [] }]));
  const counted = new Map<string, number | null>(targets.map((t) => [t.name, 0]));
  for (let round = 0; round < opts.rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) {
      const countBefore = opts.counter ? await opts.counter(t) : null;
      const r = await runAutocannon(t, opts.seconds, opts.connections);
      const countAfter = opts.counter ? await opts.counter(t) : null;
      const sofar = counted.get(t.name);
      counted.set(
        t.name,
        countBefore === null || countAfter === null || sofar === null || sofar === undefined
          ? null
          : sofar + countAfter - countBefore,
      );
      results.set(t.name, r);
      rounds.get(t.name)!.push(r.requests.average);
      const total = totals.get(t.name)!;
      total.requests += r.requests.total;
      total.unexpected += r.unexpected;
      total.errors += r.errors + r.timeouts;
      total.p50.push(r.latency.p50);
      total.p99.push(r.latency.p99);
      opts.log?.(`  round ${round + 1}/${opts.rounds} ${t.name}: ${Math.round(r.requests.average)} req/s`);
    }
  }
  return new Map(
    targets.map((t) => {
      const total = totals.get(t.name)!;
      return [
        t.name,
        {
          requestsPerSecond: median(rounds.get(t.name)!),
          rounds: rounds.get(t.name)!,
          requests: total.requests,
          unexpected: total.unexpected,
          errors: total.errors,
          latencyP50Ms: median(total.p50),
          latencyP99Ms: median(total.p99),
          counterPerRequest:
            counted.get(t.name) === null || total.requests === 0 ? null : counted.get(t.name)! / total.requests,
        },
      ];
    }),
  );
}

/** Temp folders of this run, removed at its end. */
export class TempDirs {
  private readonly dirs: string[] = [];

  make(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sitrep-bench-${prefix}-`));
    this.dirs.push(dir);
    return dir;
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

const fmtNumber = (value: number, unit: string): string => {
  if (!Number.isFinite(value)) return String(value);
  const digits = value >= 1000 ? 0 : value >= 100 ? 1 : value >= 10 ? 2 : 3;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return `${text} ${unit}`;
};

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i >= 1 && i <= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function status(row: BenchRow): string {
  if (row.goal === undefined) return '';
  if (row.met === null || row.met === undefined) return 'n/a (quick)';
  return row.met ? 'MET' : 'MISSED';
}

/** One benchmark's table: measurement, value, ratio, goal, status, note. */
export function formatResult(result: BenchResult): string {
  const rows = result.rows.map((r) => [
    r.name,
    fmtNumber(r.value, r.unit),
    r.ratio === undefined || r.ratio === null
      ? ''
      : `${r.ratio.toFixed(r.ratio < 0.1 ? 3 : 2)}x${r.ratioOf ? ` ${r.ratioOf}` : ''}`,
    r.goal ?? '',
    status(r),
    r.note ?? '',
  ]);
  const out = [`## ${result.title}`, '', table(['Measurement', 'Value', 'Ratio', 'Goal', 'Status', 'Note'], rows)];
  if (result.notes.length > 0) out.push('', ...result.notes.map((n) => `- ${n}`));
  return out.join('\n');
}
