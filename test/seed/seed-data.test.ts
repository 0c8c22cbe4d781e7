import fs from 'node:fs';
import path from 'node:path';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';

// The article the seed data comes from, carried in the repository (seeds/README.md), so a clone placed anywhere can check it.
const ARTICLE = fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'source-article.txt'), 'utf8');

interface SeedEvent {
  id: string;
  title: string;
  summary: string;
  kind: string;
  date: string;
  datePrecision: string;
  significance: number;
  fronts: { slug: string }[];
  leaders: { slug: string }[];
  actors: { slug: string }[];
  regions: { slug: string }[];
  sources: { title: string; publishedOn: string | null }[];
  quotes: { text: string; speaker: { slug: string } }[];
}

const ALL_EVENTS = `{ events(first: 100) { edges { node {
  id title summary kind date datePrecision significance
  fronts { slug } leaders { slug } actors { slug } regions { slug }
  sources { title publishedOn }
  quotes { text speaker { ... on Leader { slug } ... on Actor { slug } } }
} } } }`;

describeEachDatabase('the seed data', (kind) => {
  let server: TestServer;
  let events: SeedEvent[];
  beforeAll(async () => {
    server = await startTestServer(kind);
    events = (await server.gql<{ events: { edges: { node: SeedEvent }[] } }>(ALL_EVENTS)).data!.events.edges.map(
      (e) => e.node,
    );
  });
  afterAll(() => server?.stop());

  const on = (date: string, kind: string): SeedEvent[] => events.filter((e) => e.date === date && e.kind === kind);

  it("has the 2025-11-15 call: fronts, leaders, the Kremlin quotes and Netanyahu's office on Putin's initiative", () => {
    const [call] = on('2025-11-15', 'DIPLOMATIC_CALL');
    expect(call.fronts.map((f) => f.slug).sort()).toEqual(['gaza', 'iran', 'syria']);
    expect(call.leaders.map((l) => l.slug).sort()).toEqual(['netanyahu', 'putin']);
    const bySpeaker = (slug: string): string[] => call.quotes.filter((q) => q.speaker.slug === slug).map((q) => q.text);
    expect(bySpeaker('kremlin-press-service')).toEqual(
      expect.arrayContaining([
        expect.stringContaining('exchanged views on the situation in the Middle East'),
        expect.stringContaining('the situation surrounding the Iranian nuclear program'),
      ]),
    );
    expect(bySpeaker('israel-pmo')).toContain('on the initiative of President Putin');
  });

  it('quotes the article verbatim and sources every event to it', () => {
    for (const event of events) {
      expect(event.sources.length).toBeGreaterThan(0);
      expect(event.sources.some((s) => s.publishedOn === '2025-11-15')).toBe(true);
      for (const quote of event.quotes) expect(ARTICLE).toContain(quote.text);
    }
  });

  it('has the earlier call of 2025-10-06 about recognising the State of Palestine', () => {
    const [call] = on('2025-10-06', 'DIPLOMATIC_CALL');
    expect(call.summary).toMatch(/Palestin/);
  });

  it('has the Gaza ceasefire of 2025-10-10 with its first-stage terms, and the pending second stage', () => {
    const [ceasefire] = on('2025-10-10', 'CEASEFIRE');
    expect(ceasefire.fronts.map((f) => f.slug)).toContain('gaza');
    expect(ceasefire.summary).toMatch(/hostages/);
    expect(ceasefire.summary).toMatch(/withdrawal/);
    expect(ceasefire.summary).toMatch(/humanitarian/);
    const second = events.find((e) => e.kind === 'NEGOTIATION' && e.fronts.some((f) => f.slug === 'gaza'));
    expect(second?.summary).toMatch(/demilitari[sz]ation of Hamas/);
  });

  it('has the ICC warrants against both leaders', () => {
    const warrants = events.filter((e) => e.kind === 'LEGAL_ACTION');
    expect(warrants.flatMap((w) => w.leaders.map((l) => l.slug)).sort()).toEqual(['netanyahu', 'putin']);
    expect(warrants.every((w) => w.actors.some((a) => a.slug === 'icc'))).toBe(true);
  });

  it('has the strikes on Iranian nuclear installations and on Iran-backed Hezbollah and the Houthis', () => {
    const strikes = events.filter((e) => e.kind === 'STRIKE');
    expect(strikes.some((s) => s.fronts.some((f) => f.slug === 'iran') && /nuclear/.test(s.summary + s.title))).toBe(
      true,
    );
    expect(strikes.some((s) => s.actors.some((a) => a.slug === 'hezbollah'))).toBe(true);
    expect(strikes.some((s) => s.actors.some((a) => a.slug === 'houthis'))).toBe(true);
  });

  it('dates the fall of Assad to December 2024 at month precision, and his tenure ends then', async () => {
    const [fall] = events.filter((e) => e.kind === 'REGIME_CHANGE');
    expect(fall).toMatchObject({ date: '2024-12', datePrecision: 'MONTH', leaders: [{ slug: 'assad' }] });
    const assad = await server.gql<{ leader: { tenureEnd: string } }>('{ leader(slug: "assad") { tenureEnd } }');
    expect(assad.data!.leader.tenureEnd).toBe('2024-12');
  });

  it("has Israel's positions in southern Syria and in Lebanon", () => {
    const presence = events.filter((e) => e.kind === 'MILITARY_PRESENCE');
    expect(presence.map((p) => p.regions.map((r) => r.slug)).flat()).toEqual(
      expect.arrayContaining(['southern-syria', 'southern-lebanon']),
    );
  });

  it('loads idempotently: seeding again changes nothing, not even timestamps or the change log', async () => {
    const snapshot = async (): Promise<unknown> => ({
      data: (
        await server.gql(
          '{ events(first: 100) { edges { node { id updatedAt } } } regions { id name } leaders { id name } actors { id name } fronts { id statusHistory { id kind text since until } openIssues { id text } context { id text } regions { slug } } }',
        )
      ).data,
      log: await server.services.db.dataSource.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM change_log'),
    });
    const before = await snapshot();
    const result = await server.services.seed.seed();
    expect(result.events).toEqual({ created: 0, updated: 0, unchanged: events.length });
    expect(await snapshot()).toEqual(before);
  });
});
