/**
 * Data for the benchmarks: a runtime on a fresh SQLite file in a temp folder (migrated and seeded with the real seed
 * data), and synthetic events that pass the same validation as real imports.
 */
import path from 'node:path';
import { openRuntime, Runtime } from '../../src/app/runtime';
import { loadConfig } from '../../src/config/config';
import { addDays } from '../../src/dates/partial-date';
import { EventKind } from '../../src/entities/event-kind';
import type { EventInput } from '../../src/validation/inputs';

/** The briefing date every benchmark asks for: the seed data's own day. */
export const BRIEFING_DATE = '2025-11-15';

/** The environment of every benchmark runtime and server: production templates (no file watching), quiet, no rate limits. */
export function benchEnv(databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    // The render budget (30 a minute per client by default) would turn a load test into a 429 test.
    SITREP_RATE_LIMIT_RENDERS: '0',
    SITREP_RATE_LIMIT_MUTATIONS: '0',
  };
}

export const sqliteUrl = (dir: string): string => `sqlite:${path.join(dir, 'sitrep.sqlite')}`;

/** A runtime on the SQLite file in `dir`, migrated, and seeded when `seed` (the default). */
export async function openBenchRuntime(dir: string, seed = true): Promise<Runtime> {
  const runtime = await openRuntime(loadConfig(benchEnv(sqliteUrl(dir))));
  try {
    await runtime.services.db.migrate();
    if (seed && (await runtime.services.seed.isEmpty())) await runtime.services.seed.seed();
    return runtime;
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/** Deterministic pseudo-random numbers (mulberry32), so every run stores the same events. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRONTS = ['gaza', 'iran', 'syria', 'lebanon', 'yemen'];
const FRONT_REGIONS: Record<string, string[]> = {
  gaza: ['gaza-strip', 'israel', 'palestine'],
  iran: ['iran', 'israel'],
  syria: ['syria', 'southern-syria'],
  lebanon: ['lebanon', 'southern-lebanon'],
  yemen: ['yemen'],
};
const ACTORS = [
  'iran',
  'hamas',
  'hezbollah',
  'houthis',
  'icc',
  'kremlin-press-service',
  'israel-pmo',
  'united-states',
  'israel-defense-forces',
  'syrian-rebel-coalition',
];
const LEADERS = ['putin', 'netanyahu', 'assad'];
const KINDS: readonly EventKind[] = [
  EventKind.DIPLOMATIC_CALL,
  EventKind.MEETING,
  EventKind.STATEMENT,
  EventKind.NEGOTIATION,
  EventKind.AGREEMENT,
  EventKind.STRIKE,
  EventKind.MILITARY_OPERATION,
  EventKind.HUMANITARIAN,
  EventKind.SANCTIONS,
  EventKind.OTHER,
];
const PUBLISHERS = [
  'Reuters',
  'Associated Press',
  'Agence France-Presse',
  'Al Jazeera',
  'BBC News',
  'The Times of Israel',
  'Tasnim',
  'SANA',
  "L'Orient-Le Jour",
  'Saba',
];
const WORDS =
  'officials said talks resumed after overnight strikes while mediators pressed both sides on aid corridors prisoners and withdrawal lines amid warnings from regional capitals'.split(
    ' ',
  );

export interface SyntheticOptions {
  /** The day that gets `eventsOnDate` events. */
  date: string;
  eventsOnDate: number;
  /** The span the other events are spread over (inclusive). */
  from: string;
  to: string;
  /**
   * Days around `date` (from `date - quietBefore` to `date + quietAfter`) that get no spread events, so the
   * briefing holds the `eventsOnDate` events of its day (plus the seed data's), not ~90 a day of recent developments.
   */
  quietBefore: number;
  quietAfter: number;
  seed?: number;
  /** Prefix of external ids, so two sets never collide. */
  idPrefix?: string;
}

/**
 * `count` events: the first `eventsOnDate` on `date`, the rest spread evenly over the span outside the quiet days,
 * on one or two of the five fronts, with regions, actors, sometimes a leader and a quote, and one or two sources
 * drawn from a pool (as real coverage shares sources). Significance 1–5, about one in five of 4–5.
 */
export function* syntheticEvents(count: number, o: SyntheticOptions): Generator<EventInput> {
  const rnd = random(o.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const quietFrom = addDays(o.date, -o.quietBefore);
  const quietTo = addDays(o.date, o.quietAfter);
  const days: string[] = [];
  for (let d = o.from; d <= o.to; d = addDays(d, 1)) if (d < quietFrom || d > quietTo) days.push(d);
  const sentence = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  for (let i = 0; i < count; i++) {
    const onDate = i < o.eventsOnDate;
    const date = onDate
      ? o.date
      : days[Math.floor(((i - o.eventsOnDate) * days.length) / Math.max(1, count - o.eventsOnDate)) % days.length];
    const front = FRONTS[i % FRONTS.length];
    const fronts = rnd() < 0.15 ? [front, FRONTS[(i + 1 + Math.floor(rnd() * 4)) % FRONTS.length]] : [front];
    const r = rnd();
    const significance = r < 0.08 ? 5 : r < 0.2 ? 4 : r < 0.5 ? 3 : r < 0.8 ? 2 : 1;
    const publisher = pick(PUBLISHERS);
    const sourceDay = date;
    const sources = [
      {
        publisher,
        title: `${publisher} report ${Math.floor(rnd() * 40)} of ${sourceDay}`,
        url: null,
        publishedOn: sourceDay,
      },
    ];
    if (rnd() < 0.3)
      sources.push({ publisher: 'Wire roundup', title: `Roundup ${sourceDay}`, url: null, publishedOn: sourceDay });
    const leader = rnd() < 0.2 ? pick(LEADERS) : null;
    const actors = [...new Set([pick(ACTORS), ...(rnd() < 0.4 ? [pick(ACTORS)] : [])])];
    const hour = Math.floor(rnd() * 24);
    const timed = onDate && rnd() < 0.5;
    yield {
      externalId: `${o.idPrefix ?? 'bench'}:${i}`,
      date,
      occurredAt: timed ? `${date}T${String(hour).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z` : null,
      title: `${front[0].toUpperCase()}${front.slice(1)}: ${sentence(6)} (${i})`,
      summary: `${sentence(30)}. ${sentence(20)}.`,
      kind: KINDS[i % KINDS.length],
      significance,
      fronts,
      regions: [...new Set(fronts.map((f) => FRONT_REGIONS[f][Math.floor(rnd() * FRONT_REGIONS[f].length)]))],
      leaders: leader === null ? [] : [leader],
      actors,
      sources,
      quotes: leader !== null && rnd() < 0.5 ? [{ text: `"${sentence(12)}."`, leader, source: 0 }] : [],
    };
  }
}

/** The synthetic set every benchmark uses for a given total: 100 events on the briefing date, the rest over ~3 years. */
export function briefingScenario(count: number, eventsOnDate = 100, idPrefix = 'bench'): Generator<EventInput> {
  return syntheticEvents(count, {
    date: BRIEFING_DATE,
    eventsOnDate: Math.min(eventsOnDate, count),
    from: '2023-01-01',
    to: '2025-12-31',
    quietBefore: 12,
    quietAfter: 3,
    idPrefix,
  });
}

/** Takes up to `n` items from a generator. */
export function take<T>(source: Iterator<T>, n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const next = source.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}
