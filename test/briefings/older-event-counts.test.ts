import { FrontEventDays1766000000008 } from '../../src/db/migrations/1766000000008-front-event-days';
import { eventInput } from '../api/fixtures';
import { describeEachDatabase } from '../support/databases';
import { undoAndRedo } from '../support/migrations';
import { startTestServer, TestServer } from '../support/test-server';

/*
 * "N earlier events not shown" counts the older events of a front from per-day counts the database keeps with
 * triggers. After a mixed run of creations, moves between dates and fronts, and deletions, the count must be what
 * the events themselves say, and the same as the briefing as of now (which counts from the revisions instead).
 */

const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const UPDATE = 'mutation ($id: ID!, $input: EventUpdateInput!) { updateEvent(id: $id, input: $input) { id } }';
const DELETE = 'mutation ($id: ID!) { deleteEvent(id: $id) }';
const IMPORT = 'mutation ($events: [EventCreateInput!]!) { importEvents(events: $events) { created } }';
const BRIEFING = `query ($asOf: DateTime) {
  briefing(date: "2025-11-16", fronts: ["gaza", "lebanon"], asOf: $asOf) {
    sections { front { slug } backgroundOmitted }
  }
}`;

const FRONTS = ['gaza', 'lebanon'] as const;
type Front = (typeof FRONTS)[number];
/** Dates the briefing of 2025-11-16 counts as older (a day before 2025-11-07, a period ended before 2025-11-08). */
const OLDER = ['2025-09-03', '2025-10-20', '2025-10', '2024'];
/** Dates it does not: a day of its window, a day after it, a month still going on. */
const NOT_OLDER = ['2025-11-15', '2025-12-02', '2025-11'];
const DATES = [...OLDER, ...NOT_OLDER];

/** Deterministic pseudo-random numbers (mulberry32): the same run every time. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Stored {
  date: string;
  fronts: Front[];
}

describeEachDatabase('older events counted per front', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const call = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await server.gql<T>(query, variables, server.editorKey);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const omitted = async (asOf: string | null): Promise<Record<string, number>> => {
    const data = await call<{ briefing: { sections: { front: { slug: string }; backgroundOmitted: number }[] } }>(
      BRIEFING,
      { asOf },
    );
    return Object.fromEntries(data.briefing.sections.map((s) => [s.front.slug, s.backgroundOmitted]));
  };
  const input = (s: Stored, n: number): Record<string, unknown> =>
    // Significance 1: never told as background, so each older one is one more left out.
    eventInput({ date: s.date, fronts: s.fronts, significance: 1, title: `Counted event ${n}` });

  it('counts every older event once, through creations, moves, imports and deletions', async () => {
    const baseline = await omitted(null);
    const next = random(20251116);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const someFronts = (): Front[] => pick<Front[]>([['gaza'], ['lebanon'], ['gaza', 'lebanon']]);
    const stored = new Map<string, Stored>();
    let n = 0;

    for (let round = 0; round < 40; round++) {
      const choice = next();
      const ids = [...stored.keys()];
      if (ids.length === 0 || choice < 0.35) {
        const s = { date: pick(DATES), fronts: someFronts() };
        const { createEvent } = await call<{ createEvent: { id: string } }>(CREATE, { input: input(s, n++) });
        stored.set(createEvent.id, s);
      } else if (choice < 0.45) {
        const batch = [0, 1, 2].map(() => ({ date: pick(DATES), fronts: someFronts() }));
        await call(IMPORT, { events: batch.map((s) => ({ ...input(s, n), externalId: `counted-${n++}` })) });
      } else if (choice < 0.85) {
        const id = pick(ids);
        const before = stored.get(id)!;
        const after = next() < 0.5 ? { ...before, date: pick(DATES) } : { date: pick(DATES), fronts: someFronts() };
        await call(UPDATE, { id, input: { date: after.date, fronts: after.fronts } });
        stored.set(id, after);
      } else {
        const id = pick(ids);
        await call(DELETE, { id });
        stored.delete(id);
      }
    }
    // Imported events are not in `stored` by id: count them from the events themselves.
    const all = await call<{ events: { edges: { node: { date: string; fronts: { slug: string }[] } }[] } }>(
      `query { events(filter: { text: "Counted event" }, first: 100) { edges { node { date fronts { slug } } } } }`,
      {},
    );
    expect(all.events.edges.length).toBeGreaterThan(stored.size);
    const expected: Record<string, number> = { ...baseline };
    for (const { node } of all.events.edges) {
      if (!OLDER.includes(node.date)) continue;
      for (const f of node.fronts) expected[f.slug] += 1;
    }
    expect(FRONTS.some((f) => expected[f] > baseline[f] + 3)).toBe(true);

    expect(await omitted(null)).toEqual(expected);
    expect(await omitted(new Date().toISOString())).toEqual(expected);

    // Undone and redone, the migration counts what is stored, and its triggers count what comes after.
    await undoAndRedo(server, new FrontEventDays1766000000008());
    await call(CREATE, { input: input({ date: '2025-09-03', fronts: ['gaza'] }, n++) });
    expect(await omitted(null)).toEqual({ ...expected, gaza: expected.gaza + 1 });
  });
});
