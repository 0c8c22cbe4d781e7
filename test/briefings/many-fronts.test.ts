import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';

/**
 * A briefing of every front with more fronts than SQLite allows parts in one compound SELECT (500): the query
 * shape does not depend on the number of fronts, and the statements per briefing do not depend on the events.
 */

const COUNT = 501;
const slug = (i: number): string => `many-${String(i).padStart(3, '0')}`;

describeEachDatabase('a briefing of more than 500 fronts', (kind) => {
  let server: TestServer;
  let seededFronts: number;
  beforeAll(async () => {
    server = await startTestServer(kind);
    seededFronts = (await server.gql<{ fronts: unknown[] }>('{ fronts { slug } }')).data!.fronts.length;
    for (let i = 0; i < COUNT; i++) {
      await server.services.fronts.upsert({
        slug: slug(i),
        name: `Many ${i}`,
        briefingOrder: 1_000 + i,
      });
    }
    await server.services.events.import([
      {
        externalId: 'many:today',
        date: '2025-11-15',
        title: 'News on the last front',
        summary: 'S.',
        kind: 'STATEMENT',
        significance: 3,
        fronts: [slug(COUNT - 1)],
        sources: [{ publisher: 'Wire', title: 'T' }],
      },
      {
        externalId: 'many:old',
        date: '2024-03-01',
        title: 'Old news on the last front',
        summary: 'S.',
        kind: 'STATEMENT',
        significance: 5,
        fronts: [slug(COUNT - 1), slug(0)],
        sources: [{ publisher: 'Wire', title: 'O' }],
      },
    ]);
  }, 300_000);
  afterAll(() => server?.stop());

  const SECTIONS =
    '{ briefing(date: "2025-11-15") { sections { front { slug } today { title } background { title } alsoOnThisFront { title sectionAnchor } } } }';
  type Sections = {
    briefing: {
      sections: {
        front: { slug: string };
        today: { title: string }[];
        background: { title: string }[];
        alsoOnThisFront: { title: string; sectionAnchor: string }[];
      }[];
    };
  };

  it("downloads the all-fronts briefing, with the last front's news and background", async () => {
    const res = await fetch(`${server.url}/briefings/2025-11-15.txt`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('News on the last front');
    expect(body).toContain('Old news on the last front');
  });

  it('answers the all-fronts briefing over GraphQL with a section per front', async () => {
    const res = await server.gql<Sections>(SECTIONS);
    expect(res.errors).toBeUndefined();
    const sections = res.data!.briefing.sections;
    expect(sections).toHaveLength(seededFronts + COUNT);
    const last = sections.find((s) => s.front.slug === slug(COUNT - 1))!;
    expect(last.today.map((e) => e.title)).toEqual(['News on the last front']);
    expect(last.background).toEqual([]);
    // Told once, in the first of its fronts in briefing order, and pointed to from the other.
    expect(last.alsoOnThisFront).toEqual([{ title: 'Old news on the last front', sectionAnchor: `front-${slug(0)}` }]);
    expect(sections.find((s) => s.front.slug === slug(0))!.background.map((e) => e.title)).toEqual([
      'Old news on the last front',
    ]);
  });

  it('lists changes across every front', async () => {
    const res = await server.gql<{ briefing: { changesSince: { title: string | null }[] } }>(
      '{ briefing(date: "2025-11-15") { changesSince(since: "2000-01-01T00:00:00Z") { title } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.briefing.changesSince.map((c) => c.title)).toContain('News on the last front');
  });

  it('reads the all-fronts briefing as of an instant, lists front and assessment changes, and publishes it', async () => {
    const last = slug(COUNT - 1);
    const status = await server.gql(
      'mutation ($f: String!) { setFrontStatus(front: $f, kind: CEASEFIRE, text: "Quiet on the last front", since: "2025-11-01") { id } }',
      { f: last },
      server.editorKey,
    );
    expect(status.errors).toBeUndefined();
    const assessed = await server.gql(
      'mutation ($f: String!) { recordAssessment(input: { date: "2025-11-15", confidence: LIKELY, text: "The last front stays quiet.", fronts: [$f] }) { id } }',
      { f: last },
      server.editorKey,
    );
    expect(assessed.errors).toBeUndefined();
    const asOf = await server.gql<{
      briefing: { sections: { front: { slug: string }; today: { title: string }[] }[] };
    }>(
      'query ($at: DateTime!) { briefing(date: "2025-11-15", asOf: $at) { sections { front { slug } today { title } } } }',
      { at: new Date().toISOString() },
      server.editorKey,
    );
    expect(asOf.errors).toBeUndefined();
    expect(asOf.data!.briefing.sections).toHaveLength(seededFronts + COUNT);
    expect(asOf.data!.briefing.sections.find((s) => s.front.slug === last)!.today).toEqual([
      { title: 'News on the last front' },
    ]);
    const changes = await server.gql<{
      briefing: { frontChangesSince: { front: string }[]; assessmentChangesSince: { action: string }[] };
    }>(
      '{ briefing(date: "2025-11-15") { frontChangesSince(since: "2000-01-01T00:00:00Z") { front } assessmentChangesSince(since: "2000-01-01T00:00:00Z") { action } } }',
    );
    expect(changes.errors).toBeUndefined();
    expect(changes.data!.briefing.frontChangesSince.map((c) => c.front)).toContain(last);
    expect(changes.data!.briefing.assessmentChangesSince.map((c) => c.action)).toContain('CREATED');
    const published = await server.gql<{ publishEdition: { id: string } }>(
      'mutation { publishEdition(date: "2025-11-15") { id } }',
      {},
      server.editorKey,
    );
    expect(published.errors).toBeUndefined();
    const edition = await fetch(`${server.url}/editions/${published.data!.publishEdition.id}.txt`);
    expect(edition.status).toBe(200);
    const text = await edition.text();
    expect(text).toContain('News on the last front');
    expect(text).toContain('Quiet on the last front');
  });

  it('loads it with the same number of statements however many events it holds', async () => {
    const measure = async (): Promise<number> => {
      server.services.briefings.clearComposed();
      const before = server.services.db.statementCount;
      const res = await server.gql<Sections>(SECTIONS);
      expect(res.errors).toBeUndefined();
      return server.services.db.statementCount - before;
    };
    const few = await measure();
    await server.services.events.import(
      Array.from({ length: 200 }, (_, i) => ({
        externalId: `many:more-${i}`,
        date: i % 2 === 0 ? '2025-11-14' : '2023-05-01',
        title: `More ${i}`,
        summary: 'S.',
        kind: 'STATEMENT',
        significance: 5,
        fronts: [slug(i), slug(COUNT - 1 - i)],
        leaders: ['putin'],
        sources: [{ publisher: 'Wire', title: `M${i}` }],
        quotes: [{ text: 'A word.', leader: 'putin' }],
      })),
    );
    const many = await measure();
    expect(many).toBe(few);
    // 16: the fronts' dated status, issues and context, and the week's assessments, are one statement each, however
    // many fronts.
    expect(few).toBeLessThanOrEqual(16);
  });
});
