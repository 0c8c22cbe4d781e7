import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';
import { EVENT_FIELDS, eventInput } from './fixtures';

const PAGE = `query ($first: Int) {
  events(first: $first) {
    totalCount
    edges { node { ${EVENT_FIELDS} } }
  }
}`;

const REFERENCE = `{
  leaders { slug events { id fronts { slug } } region { slug } }
  fronts { slug regions { slug parent { slug } } }
  actors { slug backedBy { slug } region { slug } }
}`;

describeEachDatabase('SQL statements per request', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    await server.services.events.import(
      Array.from({ length: 120 }, (_, i) =>
        eventInput({
          externalId: `n1:${i}`,
          title: `N+1 check ${i}`,
          fronts: ['gaza', 'iran'],
          leaders: ['putin', 'netanyahu'],
          actors: ['hamas', 'icc'],
          regions: ['gaza-strip', 'israel'],
          sources: [
            { publisher: 'Wire', title: `Report ${i}` },
            { publisher: 'Other', title: `Second ${i}` },
          ],
          quotes: [
            { text: 'One.', leader: 'putin' },
            { text: 'Two.', actor: 'hamas', source: 1 },
          ],
        }),
      ),
    );
  });
  afterAll(() => server?.stop());

  const statementsFor = async (first: number): Promise<number> => {
    const before = server.services.db.statementCount;
    const res = await server.gql<{ events: { edges: unknown[] } }>(PAGE, { first });
    expect(res.errors).toBeUndefined();
    expect(res.data!.events.edges).toHaveLength(first);
    return server.services.db.statementCount - before;
  };

  it('is the same for a page of 2, 20 and 100 events with every link resolved', async () => {
    const small = await statementsFor(2);
    const medium = await statementsFor(20);
    const large = await statementsFor(100);
    expect(medium).toBe(small);
    expect(large).toBe(small);
    // Two per kind of link at most, not one per event.
    expect(large).toBeLessThan(20);
  });

  it('resolves nested reference data in a bounded number of statements', async () => {
    const before = server.services.db.statementCount;
    const res = await server.gql(REFERENCE);
    expect(res.errors).toBeUndefined();
    expect(server.services.db.statementCount - before).toBeLessThan(20);
  });
});
