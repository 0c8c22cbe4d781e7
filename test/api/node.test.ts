import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

/** `node(id:)` finds any record by the id its own type gives it, in batches, and tells bad ids apart. */

const RECORDS = `{
  events(first: 2) { edges { node { id title } } }
  fronts { id slug }
  regions { id slug }
  leaders { id slug }
  actors { id slug }
}`;

interface Records {
  events: { edges: { node: { id: string; title: string } }[] };
  fronts: { id: string; slug: string }[];
  regions: { id: string; slug: string }[];
  leaders: { id: string; slug: string }[];
  actors: { id: string; slug: string }[];
}

const NODE_FIELDS = `__typename id
  ... on Event { title }
  ... on Front { slug }
  ... on Region { slug }
  ... on Leader { slug }
  ... on Actor { slug }`;

interface FoundNode {
  __typename: string;
  id: string;
  title?: string;
  slug?: string;
}

describeEachDatabase('node(id:) over HTTP', (kind) => {
  let server: TestServer;
  let records: Records;
  beforeAll(async () => {
    server = await startTestServer(kind);
    const res = await server.gql<Records>(RECORDS);
    expect(res.errors).toBeUndefined();
    records = res.data!;
  });
  afterAll(() => server?.stop());

  /** Asks for every id at once, as aliases of one operation; returns the nodes and the statements it took. */
  const nodes = async (ids: readonly string[]): Promise<{ found: (FoundNode | null)[]; statements: number }> => {
    const query = `query (${ids.map((_, i) => `$id${i}: ID!`).join(', ')}) { ${ids
      .map((_, i) => `n${i}: node(id: $id${i}) { ${NODE_FIELDS} }`)
      .join(' ')} }`;
    const before = server.services.db.statementCount;
    const res = await server.gql<Record<string, FoundNode | null>>(
      query,
      Object.fromEntries(ids.map((id, i) => [`id${i}`, id])),
    );
    const statements = server.services.db.statementCount - before;
    expect(res.errors).toBeUndefined();
    return { found: ids.map((_, i) => res.data![`n${i}`]), statements };
  };

  it('finds an event, a front, a region, a leader and an actor by the ids their own queries give', async () => {
    const [event] = records.events.edges.map((e) => e.node);
    const expected: FoundNode[] = [
      { __typename: 'Event', id: event.id, title: event.title },
      { __typename: 'Front', ...records.fronts[0] },
      { __typename: 'Region', ...records.regions[0] },
      { __typename: 'Leader', ...records.leaders[0] },
      { __typename: 'Actor', ...records.actors[0] },
    ];
    const { found } = await nodes(expected.map((n) => n.id));
    expect(found).toEqual(expected);
  });

  it('looks a batch up in a constant number of statements, however many ids it holds', async () => {
    const one = await nodes([records.fronts[0].id]);
    const all = [
      ...records.events.edges.map((e) => e.node.id),
      ...records.fronts.map((f) => f.id),
      ...records.regions.map((r) => r.id),
      ...records.leaders.map((l) => l.id),
      ...records.actors.map((a) => a.id),
    ].slice(0, 15); // the alias limit of one operation
    expect(all.length).toBe(15);
    const many = await nodes(all);
    expect(many.found.every((n) => n !== null)).toBe(true);
    expect(many.statements).toBe(one.statements);
  });

  it('answers null for an id no record has', async () => {
    const { found } = await nodes(['00000000-0000-4000-8000-000000000000']);
    expect(found).toEqual([null]);
  });

  it.each([['not-an-id'], [''], ['x'.repeat(100_000)], [`${'0'.repeat(35)}\u0000`]])(
    'refuses a malformed id (%#) as BAD_USER_INPUT naming id',
    async (id) => {
      const res = await server.gql('query ($id: ID!) { node(id: $id) { id } }', { id });
      expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(res.data).toEqual({ node: null });
    },
  );
});
