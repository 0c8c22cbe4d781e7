import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

interface Page {
  events: {
    totalCount: number;
    edges: { cursor: string; node: { title: string; date: string; startDate: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
const PAGE = `query ($filter: EventFilterInput, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { title date startDate } } pageInfo { hasNextPage endCursor }
  }
}`;

describeEachDatabase('reference data and event listing', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    await server.services.events.import(
      Array.from({ length: 30 }, (_, i) =>
        eventInput({
          externalId: `list:${i}`,
          title: `Listing test ${i}`,
          date: `2025-09-${String(i + 1).padStart(2, '0')}`,
          significance: (i % 5) + 1,
          kind: i % 2 === 0 ? 'STRIKE' : 'STATEMENT',
          fronts: [i % 3 === 0 ? 'lebanon' : 'yemen'],
          leaders: [],
          actors: i % 4 === 0 ? ['hezbollah'] : [],
          regions: [],
          quotes: [],
          summary: i === 7 ? 'Contains the needle_50%_marker here.' : 'Plain summary.',
        }),
      ),
    );
  });
  afterAll(() => server?.stop());

  it('lists regions with parents and ISO codes', async () => {
    const res = await server.gql<{
      regions: { slug: string; kind: string; isoCode: string | null; parent: { slug: string } | null }[];
    }>('{ regions { slug kind isoCode parent { slug } } }');
    const bySlug = new Map(res.data!.regions.map((r) => [r.slug, r]));
    expect(bySlug.get('gaza-strip')).toMatchObject({ kind: 'TERRITORY', parent: { slug: 'middle-east' } });
    expect(bySlug.get('lebanon')).toMatchObject({ kind: 'COUNTRY', isoCode: 'LB', parent: { slug: 'middle-east' } });
    const one = await server.gql<{ region: { name: string } | null }>('{ region(slug: "syria") { name } }');
    expect(one.data!.region).toEqual({ name: 'Syria' });
    expect((await server.gql<{ region: null }>('{ region(slug: "atlantis") { name } }')).data!.region).toBeNull();
  });

  it('gives leaders their office, region, tenure at its precision and events', async () => {
    const res = await server.gql<{
      leader: {
        name: string;
        office: string;
        tenureEnd: string | null;
        region: { slug: string };
        events: { date: string }[];
      };
    }>('{ leader(slug: "assad") { name office tenureStart tenureEnd region { slug } events { title date } } }');
    expect(res.data!.leader).toMatchObject({
      name: 'Bashar al-Assad',
      office: 'President of Syria',
      tenureEnd: '2024-12',
      region: { slug: 'syria' },
    });
    expect(res.data!.leader.events.map((e) => e.date)).toContain('2024-12');
    const all = await server.gql<{ leaders: { slug: string; events: { title: string }[] }[] }>(
      '{ leaders { slug events { title } } }',
    );
    expect(all.data!.leaders.map((l) => l.slug).sort()).toEqual(['assad', 'netanyahu', 'putin']);
    expect(all.data!.leaders.find((l) => l.slug === 'putin')!.events.length).toBeGreaterThanOrEqual(3);
  });

  it('lists actors with their backers', async () => {
    const res = await server.gql<{ actors: { slug: string; kind: string; backedBy: { slug: string } | null }[] }>(
      '{ actors { slug kind backedBy { slug } } }',
    );
    const bySlug = new Map(res.data!.actors.map((a) => [a.slug, a]));
    expect(bySlug.get('hezbollah')).toMatchObject({ kind: 'ARMED_GROUP', backedBy: { slug: 'iran' } });
    expect(bySlug.get('houthis')).toMatchObject({ backedBy: { slug: 'iran' } });
    expect(bySlug.get('icc')).toMatchObject({ kind: 'COURT' });
  });

  it('lists fronts in briefing order with status, open issues and regions', async () => {
    const res = await server.gql<{ fronts: { slug: string }[]; front: { openIssues: { text: string }[] } }>(
      '{ fronts { slug } front(slug: "gaza") { status { kind text since until } openIssues { text } regions { slug } } }',
    );
    expect(res.data!.fronts.map((f) => f.slug)).toEqual(['gaza', 'iran', 'syria', 'lebanon', 'yemen']);
    expect(res.data!.front).toMatchObject({
      status: { kind: 'CEASEFIRE', text: 'Ceasefire in force', since: '2025-10-10', until: null },
    });
    // Oldest first, then alphabetically: the four open with the ceasefire.
    expect(res.data!.front.openIssues.map((i) => i.text)).toEqual([
      'An international force to be deployed in the enclave',
      'Continuation of the Israeli withdrawal',
      'Demilitarisation of Hamas',
      'Governance of the territory',
    ]);
  });

  it('pages through every event once, newest first, in a stable order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let guard = 0; guard < 20; guard++) {
      const res: { data?: Page | null } = await server.gql<Page>(PAGE, { first: 7, after });
      const page: Page['events'] = res.data!.events;
      total = page.totalCount;
      seen.push(...page.edges.map((e) => `${e.node.startDate}|${e.node.title}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const dates = seen.map((s) => s.split('|')[0]);
    expect([...dates].sort().reverse()).toEqual(dates);
    const again = await server.gql<Page>(PAGE, { first: 100 });
    expect(again.data!.events.edges.map((e) => `${e.node.startDate}|${e.node.title}`)).toEqual(seen);
  });

  it('filters by date range, overlapping imprecise dates', async () => {
    const res = await server.gql<Page>(PAGE, { filter: { from: '2024-12-15', to: '2024-12-20' }, first: 50 });
    const dates = res.data!.events.edges.map((e) => e.node.date);
    // The fall of Assad (known only as December 2024) and events known only as 2024 overlap the range.
    expect(dates).toContain('2024-12');
    expect(dates.every((d) => d === '2024-12' || d === '2024')).toBe(true);
    const september = await server.gql<Page>(PAGE, {
      filter: { from: '2025-09-01', to: '2025-09-10', text: 'Listing test' },
      first: 50,
    });
    expect(september.data!.events.totalCount).toBe(10);
  });

  it('filters by fronts, actors, kinds, minimum significance and text together', async () => {
    const res = await server.gql<Page>(PAGE, {
      filter: { fronts: ['lebanon'], kinds: ['STRIKE'], minSignificance: 3, text: 'listing test' },
      first: 50,
    });
    // i % 3 == 0 (lebanon), i even (STRIKE), (i % 5) + 1 >= 3
    const expected = Array.from({ length: 30 }, (_, i) => i).filter(
      (i) => i % 3 === 0 && i % 2 === 0 && (i % 5) + 1 >= 3,
    );
    expect(res.data!.events.totalCount).toBe(expected.length);
    const actors = await server.gql<Page>(PAGE, { filter: { actors: ['hezbollah'], text: 'Listing' }, first: 50 });
    expect(actors.data!.events.totalCount).toBe(8);
    const leaders = await server.gql<Page>(PAGE, { filter: { leaders: ['putin', 'assad'] }, first: 50 });
    expect(leaders.data!.events.totalCount).toBeGreaterThanOrEqual(4);
    const regions = await server.gql<Page>(PAGE, { filter: { regions: ['gaza-strip'] }, first: 50 });
    expect(regions.data!.events.totalCount).toBeGreaterThanOrEqual(1);
  });

  it('matches text literally, so % and _ are not wildcards', async () => {
    const res = await server.gql<Page>(PAGE, { filter: { text: 'NEEDLE_50%_MARKER' }, first: 5 });
    expect(res.data!.events.edges.map((e) => e.node.title)).toEqual(['Listing test 7']);
    const none = await server.gql<Page>(PAGE, { filter: { text: 'needle%marker' }, first: 5 });
    expect(none.data!.events.totalCount).toBe(0);
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: 5, after: 'not-a-cursor' }, 'after'],
    [{ first: 5, filter: { fronts: ['atlantis'] } }, 'filter.fronts[0]'],
    [{ first: 5, filter: { from: '2025-10-01', to: '2025-09-01' } }, 'filter.to'],
    [{ first: 5, filter: { minSignificance: 6 } }, 'filter.minSignificance'],
  ])('rejects bad listing arguments %j naming %s', async (variables, field) => {
    const res = await server.gql(PAGE, variables);
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
