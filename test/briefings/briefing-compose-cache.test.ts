import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';

/*
 * Composing a briefing is work: composed briefings are cached by request and data revision, concurrent requests
 * for the same one compose it once, and composition (with 20 fronts and 2,000 events on one day) never holds the
 * server.
 */

const DATE = '2026-03-10';
const FRONTS = Array.from({ length: 20 }, (_, i) => `load-${String(i).padStart(2, '0')}`);

describeEachDatabase('composed briefings', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    for (const [i, slug] of FRONTS.entries()) {
      await server.services.fronts.upsert({
        slug,
        name: `Loadfront${i}`,
        briefingOrder: 100 + i,
      });
    }
    // 2,000 events on the day, each on five of the 20 fronts with a quote naming one: within every documented limit.
    const events = Array.from({ length: 2_000 }, (_, i) => ({
      externalId: `load:${i}`,
      date: DATE,
      title: `Load event ${i}`,
      summary: 'Something happened.',
      kind: 'STATEMENT',
      significance: 1 + (i % 5),
      fronts: Array.from({ length: 5 }, (_, k) => FRONTS[(i + k * 4) % FRONTS.length]),
      leaders: ['putin'],
      sources: [{ publisher: 'Wire', title: `Report ${i}` }],
      quotes: [
        { text: `Loadfront${i % 20} is calm, said the spokesman.`, leader: 'putin' },
        { text: 'Nothing to add.', leader: 'putin' },
      ],
    }));
    await server.services.events.import(events);
  }, 180_000);
  afterAll(() => server?.stop());

  const aliased = (count: number): string =>
    `{ ${Array.from({ length: count }, (_, i) => `b${i}: briefing(date: "${DATE}") { title }`).join(' ')} }`;

  it('composes 15 aliased copies of a 20-front, 2,000-event briefing once, and /healthz answers meanwhile', async () => {
    const misses = server.services.briefings.composedMisses;
    const statements = server.services.db.statementCount;
    let done = false;
    let slowest = 0;
    const probing = (async () => {
      while (!done) {
        const started = Date.now();
        const res = await fetch(`${server.url}/healthz`);
        expect(res.status).toBe(200);
        slowest = Math.max(slowest, Date.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const res = await server.gql<Record<string, { title: string }>>(aliased(15));
    done = true;
    await probing;
    expect(res.errors).toBeUndefined();
    expect(Object.values(res.data!).map((b) => b.title)).toEqual(Array(15).fill('Daily briefing — 10 March 2026'));
    expect(server.services.briefings.composedMisses).toBe(misses + 1);
    // One load of the data (a handful of statements), not fifteen.
    expect(server.services.db.statementCount - statements).toBeLessThan(20);
    // A generous liveness bound: the composition itself must not hold the event loop for seconds.
    expect(slowest).toBeLessThan(3_000);
  }, 120_000);

  it('serves the same request at the same revision from the cache, reading only the revision', async () => {
    const query = `{ briefing(date: "${DATE}", fronts: ["load-03", "load-01"]) { title sections { today { id } } } }`;
    const first = await server.gql<{ briefing: { sections: { today: { id: string }[] }[] } }>(query);
    expect(first.errors).toBeUndefined();
    const hits = server.services.briefings.composedHits;
    const statements = server.services.db.statementCount;
    const second = await server.gql(query);
    expect(second.data).toEqual(first.data);
    expect(server.services.briefings.composedHits).toBe(hits + 1);
    // The revision read (PostgreSQL's driver may count its prepared statement twice); a composition takes 8 or more.
    expect(server.services.db.statementCount - statements).toBeLessThanOrEqual(2);
    // The same request spelled differently (fronts in another order, repeated) is the same entry.
    const respelled = await server.gql(
      `{ briefing(date: "${DATE}", fronts: ["load-01", "load-03", "load-01"]) { title sections { today { id } } } }`,
    );
    expect(respelled.data).toEqual(first.data);
    expect(server.services.briefings.composedHits).toBe(hits + 2);
  });

  it('recomposes at a new revision, showing the change', async () => {
    const query = `{ briefing(date: "${DATE}", fronts: ["load-07"]) { sections { today { title } } } }`;
    type Result = { briefing: { sections: { today: { title: string }[] }[] } };
    const titles = async (): Promise<string[]> => {
      const res = await server.gql<Result>(query);
      expect(res.errors).toBeUndefined();
      return res.data!.briefing.sections[0].today.map((e) => e.title);
    };
    const before = await titles();
    expect(before).not.toContain('A fresh event');
    const misses = server.services.briefings.composedMisses;
    await server.services.events.import([
      {
        externalId: 'load:fresh',
        date: DATE,
        title: 'A fresh event',
        summary: 'New.',
        kind: 'STATEMENT',
        significance: 5,
        fronts: ['load-07'],
        sources: [{ publisher: 'Wire', title: 'Fresh' }],
      },
    ]);
    expect(await titles()).toContain('A fresh event');
    expect(server.services.briefings.composedMisses).toBe(misses + 1);
  });

  it("keeps only the newest revision's briefings: a write lets the older ones go", async () => {
    const ask = async (front: string): Promise<void> => {
      const res = await server.gql(`{ briefing(date: "${DATE}", fronts: ["${front}"]) { title } }`);
      expect(res.errors).toBeUndefined();
    };
    for (const front of ['load-01', 'load-02', 'load-03']) await ask(front);
    expect(server.services.briefings.composedCount).toBeGreaterThanOrEqual(3);
    await server.services.events.import([
      {
        externalId: 'load:newer',
        date: DATE,
        title: 'A newer event',
        summary: 'Newer.',
        kind: 'STATEMENT',
        significance: 2,
        fronts: ['load-09'],
        sources: [{ publisher: 'Wire', title: 'Newer' }],
      },
    ]);
    await ask('load-01');
    expect(server.services.briefings.composedCount).toBe(1);
  });
});
