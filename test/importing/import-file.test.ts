/**
 * A few thousand events through `importFile` (the CLI's path) on both databases: every event row, link, shared
 * source (deduplicated) and quote lands, checked against what validation made of the file; importing the same file
 * again changes nothing; and an edited record is updated in place.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRuntime, Runtime } from '../../src/app/runtime';
import { loadConfig } from '../../src/config/config';
import { importFile } from '../../src/importing/import-file';
import { validateEvent, ValidEvent } from '../../src/validation/event-validation';
import type { EventInput } from '../../src/validation/inputs';
import { benchEnv, briefingScenario } from '../bench/fixtures';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../support/databases';

const COUNT = 3_000;

/** The synthetic events, plus a few that stress the writer: a source cited twice, shared URL sources, no quotes. */
function inputs(): EventInput[] {
  const events = [...briefingScenario(COUNT - 3, 100, 'imptest')];
  const shared = {
    publisher: 'Reuters',
    title: 'Shared wire story',
    url: 'https://example.com/shared-story',
    publishedOn: '2025-11-15',
  };
  const base = events[0];
  events.push(
    {
      ...base,
      externalId: 'imptest:dup-source',
      title: 'Cites one source twice',
      sources: [shared, { ...shared }],
      quotes: [],
    },
    {
      ...base,
      externalId: 'imptest:shared-1',
      title: 'Shares a URL source',
      sources: [{ ...shared, title: 'Another title, same URL' }, base.sources[0]],
      quotes: [],
    },
    {
      ...base,
      externalId: 'imptest:quotes',
      title: 'Two quotes, second source',
      fronts: ['iran', 'gaza'],
      leaders: ['putin'],
      sources: [base.sources[0], shared],
      quotes: [
        { text: 'First words.', leader: 'putin', source: 1 },
        { text: 'Second words.', actor: 'kremlin-press-service', source: 0 },
      ],
    },
  );
  return events;
}

const sorted = (rows: string[]): string[] => [...rows].sort();

/** What the database should hold for the file's events, as sorted lines, from validation's own reading of them. */
function expected(valid: readonly ValidEvent[]) {
  const lines = {
    fronts: [] as string[],
    regions: [] as string[],
    leaders: [] as string[],
    actors: [] as string[],
    eventSources: [] as string[],
    quotes: [] as string[],
  };
  const sources = new Set<string>();
  for (const e of valid) {
    const x = e.externalId!;
    for (const s of e.fronts) lines.fronts.push(`${x} ${s}`);
    for (const s of e.regions) lines.regions.push(`${x} ${s}`);
    for (const s of e.leaders) lines.leaders.push(`${x} ${s}`);
    for (const s of e.actors) lines.actors.push(`${x} ${s}`);
    const seen = new Set<string>();
    e.sources.forEach((s, position) => {
      sources.add(s.identityKey);
      if (!seen.has(s.identityKey)) lines.eventSources.push(`${x} ${s.identityKey} ${position}`);
      seen.add(s.identityKey);
    });
    e.quotes.forEach((q, position) =>
      lines.quotes.push(`${x} ${position} ${q.leader ?? q.actor} ${e.sources[q.sourceIndex].identityKey} ${q.text}`),
    );
  }
  return { sources, lines: Object.fromEntries(Object.entries(lines).map(([k, v]) => [k, sorted(v)])) as typeof lines };
}

describeEachDatabase('importFile writes every row of a large file', (kind) => {
  let db: TestDatabase;
  let runtime: Runtime;
  let dir: string;
  let file: string;
  let valid: ValidEvent[];

  const query = <T = Record<string, unknown>>(sql: string): Promise<T[]> => runtime.services.db.manager.query(sql);
  const count = async (sql: string): Promise<number> => Number((await query<{ n: number | string }>(sql))[0].n);
  const linkLines = async (table: string, column: string, other: string): Promise<string[]> =>
    sorted(
      (
        await query<{ x: string; s: string }>(
          `SELECT e.external_id AS x, o.slug AS s FROM ${table} l JOIN events e ON e.id = l.event_id JOIN ${other} o ON o.id = l.${column} WHERE e.external_id LIKE 'imptest:%'`,
        )
      ).map((r) => `${r.x} ${r.s}`),
    );

  /** Everything the import wrote, as counts and sorted lines. */
  const snapshot = async () => ({
    events: await count(`SELECT COUNT(*) AS n FROM events WHERE external_id LIKE 'imptest:%'`),
    allEvents: await count('SELECT COUNT(*) AS n FROM events'),
    sources: await count('SELECT COUNT(*) AS n FROM sources'),
    changeLog: await count('SELECT COUNT(*) AS n FROM change_log'),
    fronts: await linkLines('event_fronts', 'front_id', 'fronts'),
    regions: await linkLines('event_regions', 'region_id', 'regions'),
    leaders: await linkLines('event_leaders', 'leader_id', 'leaders'),
    actors: await linkLines('event_actors', 'actor_id', 'actors'),
    eventSources: sorted(
      (
        await query<{ x: string; k: string; p: number }>(
          `SELECT e.external_id AS x, s.identity_key AS k, es.position AS p FROM event_sources es JOIN events e ON e.id = es.event_id
       JOIN sources s ON s.id = es.source_id WHERE e.external_id LIKE 'imptest:%'`,
        )
      ).map((r) => `${r.x} ${r.k} ${r.p}`),
    ),
    quotes: sorted(
      (
        await query<{ x: string; p: number; speaker: string; k: string; t: string }>(
          `SELECT e.external_id AS x, q.position AS p, COALESCE(l.slug, a.slug) AS speaker, s.identity_key AS k, q.text AS t FROM quotes q
       JOIN events e ON e.id = q.event_id JOIN sources s ON s.id = q.source_id LEFT JOIN leaders l ON l.id = q.speaker_leader_id
       LEFT JOIN actors a ON a.id = q.speaker_actor_id WHERE e.external_id LIKE 'imptest:%'`,
        )
      ).map((r) => `${r.x} ${r.p} ${r.speaker} ${r.k} ${r.t}`),
    ),
  });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    runtime = await openRuntime(loadConfig(benchEnv(db.url)));
    await runtime.services.db.migrate();
    await runtime.services.seed.seed();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-import-'));
    file = path.join(dir, 'events.ndjson');
    const events = inputs();
    fs.writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
    valid = events.map((e, i) => validateEvent(e, `events[${i}]`));
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
    await db?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes every event, link, shared source and quote; importing again changes nothing; an edit updates in place', async () => {
    const before = await snapshot();
    const seedSources = before.sources;

    const first = await importFile(runtime.services, file);
    expect(first).toEqual({ ok: true, total: COUNT, result: { created: COUNT, updated: 0, unchanged: 0 } });

    const want = expected(valid);
    const after = await snapshot();
    expect(after.events).toBe(COUNT);
    expect(after.allEvents).toBe(before.allEvents + COUNT);
    expect(after.changeLog).toBe(before.changeLog + COUNT);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM change_log c JOIN events e ON e.id = c.entity_id WHERE c.action = 'CREATED' AND e.external_id LIKE 'imptest:%'`,
      ),
    ).toBe(COUNT);
    // Sources are shared: one row per identity, however many events (or the same event twice) cite it.
    const stored = new Set((await query<{ k: string }>('SELECT identity_key AS k FROM sources')).map((r) => r.k));
    for (const key of want.sources) expect(stored.has(key)).toBe(true);
    expect(after.sources).toBe(stored.size);
    expect(after.sources).toBeLessThanOrEqual(seedSources + want.sources.size);
    expect(after.sources).toBeGreaterThanOrEqual(want.sources.size);
    expect(
      await count(
        'SELECT COUNT(*) AS n FROM (SELECT identity_key FROM sources GROUP BY identity_key HAVING COUNT(*) > 1) d',
      ),
    ).toBe(0);
    expect(want.lines.eventSources.filter((l) => l.startsWith('imptest:dup-source '))).toHaveLength(1);
    for (const name of ['fronts', 'regions', 'leaders', 'actors', 'eventSources', 'quotes'] as const) {
      expect(after[name].length).toBe(want.lines[name].length);
      expect(after[name]).toEqual(want.lines[name]);
    }
    expect(after.quotes.length).toBeGreaterThan(100);

    const again = await importFile(runtime.services, file);
    expect(again).toEqual({ ok: true, total: COUNT, result: { created: 0, updated: 0, unchanged: COUNT } });
    expect(await snapshot()).toEqual(after);

    // One record edited (another front, another title): updated in place, links replaced, two change-log rows
    // (the briefing it left and the one it joined).
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const edited = JSON.parse(lines[COUNT - 1]) as EventInput;
    lines[COUNT - 1] = JSON.stringify({ ...edited, title: 'Edited title', fronts: ['yemen'] });
    fs.writeFileSync(file, lines.join('\n'));
    const third = await importFile(runtime.services, file);
    expect(third).toEqual({ ok: true, total: COUNT, result: { created: 0, updated: 1, unchanged: COUNT - 1 } });
    const final = await snapshot();
    expect(final.events).toBe(COUNT);
    expect(final.changeLog).toBe(after.changeLog + 2);
    expect(final.fronts.filter((l) => l.startsWith('imptest:quotes '))).toEqual(['imptest:quotes yemen']);
    expect(final.quotes).toEqual(after.quotes);
    expect(await query(`SELECT title FROM events WHERE external_id = 'imptest:quotes'`)).toEqual([
      { title: 'Edited title' },
    ]);
  }, 180_000);

  it('writes nothing when records in different write batches are bad, and reports every bad line with its number', async () => {
    const before = await snapshot();
    const events = [...briefingScenario(COUNT, 100, 'impbad')];
    const lines = events.map((e) => JSON.stringify(e));
    // Events are written in batches of 2,000: the bad records sit in the first, second and last one.
    lines[4] = JSON.stringify({ ...events[4], fronts: ['atlantis'] });
    lines[2_500] = '{"not": json';
    lines[COUNT - 1] = JSON.stringify({ ...events[COUNT - 1], date: '2025-02-30' });
    const bad = path.join(dir, 'bad.ndjson');
    fs.writeFileSync(bad, lines.join('\n'));

    const outcome = await importFile(runtime.services, bad);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.total).toBe(COUNT);
    expect(outcome.rejected.map((r) => r.line)).toEqual([5, 2_501, COUNT]);
    expect(outcome.rejected[0]).toMatchObject({
      field: 'event.fronts[0]',
      message: expect.stringContaining('unknown front "atlantis"') as unknown,
    });
    expect(outcome.rejected[2]).toMatchObject({ field: 'event.date' });
    expect(await count(`SELECT COUNT(*) AS n FROM events WHERE external_id LIKE 'impbad:%'`)).toBe(0);
    expect(await snapshot()).toEqual(before);
  }, 180_000);
});
