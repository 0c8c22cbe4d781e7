import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

const CREATE = `mutation ($input: EventCreateInput!) {
  createEvent(input: $input) { id primaryFront { slug } revisions { state { primaryFront } } }
}`;
const UPDATE = `mutation ($id: ID!, $input: EventUpdateInput!) {
  updateEvent(id: $id, input: $input) { primaryFront { slug } fronts { slug } }
}`;
const COUNT = '{ events(filter: { text: "Primary front test" }) { totalCount } }';
const BRIEFING = `query {
  briefing(date: "2025-11-18") {
    keyTakeaways { eventId frontName frontNames sectionAnchor }
    sections {
      front { slug }
      today { eventId title }
      alsoOnThisFront { eventId frontName sectionAnchor }
    }
    render(format: TEXT) { body }
  }
}`;

interface Section {
  front: { slug: string };
  today: { eventId: string; title: string }[];
  alsoOnThisFront: { eventId: string; frontName: string; sectionAnchor: string }[];
}

describeEachDatabase('primary front', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const create = async (overrides: Record<string, unknown>): Promise<string> => {
    const res = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      { input: eventInput({ title: 'Primary front test', ...overrides }) },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createEvent.id;
  };

  it('refuses a primary front that is not one of the event’s fronts, naming primaryFront, storing nothing', async () => {
    const res = await server.gql(
      CREATE,
      { input: eventInput({ title: 'Primary front test', fronts: ['gaza'], primaryFront: 'iran' }) },
      server.editorKey,
    );
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.primaryFront' });
    const count = await server.gql<{ events: { totalCount: number } }>(COUNT);
    expect(count.data!.events.totalCount).toBe(0);
  });

  it('tells the event in full in its primary front and refers to it from the others', async () => {
    const id = await create({
      date: '2025-11-18',
      significance: 5,
      fronts: ['gaza', 'lebanon', 'iran'],
      primaryFront: 'lebanon',
      quotes: [],
    });
    const res = await server.gql<{
      briefing: {
        keyTakeaways: { eventId: string; frontName: string; frontNames: string[]; sectionAnchor: string }[];
        sections: Section[];
        render: { body: string };
      };
    }>(BRIEFING);
    expect(res.errors).toBeUndefined();
    const b = res.data!.briefing;
    const bySlug = new Map(b.sections.map((s) => [s.front.slug, s]));
    expect(bySlug.get('lebanon')!.today.map((e) => e.eventId)).toContain(id);
    for (const slug of ['gaza', 'iran']) {
      expect(bySlug.get(slug)!.today.map((e) => e.eventId)).not.toContain(id);
      expect(bySlug.get(slug)!.alsoOnThisFront).toContainEqual({
        eventId: id,
        frontName: 'Lebanon',
        sectionAnchor: 'front-lebanon',
      });
    }
    expect(b.keyTakeaways.find((t) => t.eventId === id)).toEqual({
      eventId: id,
      frontName: 'Lebanon',
      frontNames: ['Lebanon', 'Gaza', 'Iran'],
      sectionAnchor: 'front-lebanon',
    });
    expect(b.render.body.match(/Primary front test \(on 18 November 2025\) -- see Lebanon/g)).toHaveLength(2);
  });

  it('keeps it through edits, clears it when new fronts leave it out, and records it in revisions', async () => {
    const id = await create({ date: '2024-02-02', fronts: ['gaza', 'iran'], primaryFront: 'iran' });
    const edit = async (input: Record<string, unknown>): Promise<{ primaryFront: { slug: string } | null }> => {
      const res = await server.gql<{ updateEvent: { primaryFront: { slug: string } | null } }>(
        UPDATE,
        { id, input },
        server.editorKey,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.updateEvent;
    };
    expect((await edit({ title: 'Primary front test, retitled' })).primaryFront).toEqual({ slug: 'iran' });
    expect((await edit({ fronts: ['gaza', 'syria'] })).primaryFront).toBeNull();
    expect((await edit({ primaryFront: 'syria' })).primaryFront).toEqual({ slug: 'syria' });
    const bad = await server.gql(UPDATE, { id, input: { primaryFront: 'yemen' } }, server.editorKey);
    expect(firstError(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.primaryFront' });
    const history = await server.gql<{ eventRevisions: { state: { primaryFront: string | null } }[] }>(
      'query ($id: ID!) { eventRevisions(id: $id) { state { primaryFront } } }',
      { id },
      server.editorKey,
    );
    expect(history.data!.eventRevisions.map((r) => r.state.primaryFront)).toEqual(['iran', 'iran', null, 'syria']);
  });
});
