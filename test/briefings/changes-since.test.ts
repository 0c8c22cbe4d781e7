import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';

/** `changesSince` shows a reader what a reader can see: the events' current titles, and no title of a deleted event. */

const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const UPDATE = 'mutation ($id: ID!, $input: EventUpdateInput!) { updateEvent(id: $id, input: $input) { id } }';
const DELETE = 'mutation ($id: ID!) { deleteEvent(id: $id) }';
const CHANGES = `query ($since: DateTime!, $fronts: [String!]) {
  briefing(date: "2025-11-15", fronts: $fronts) { changesSince(since: $since) { eventId action title } }
}`;

const event = (title: string): Record<string, unknown> => ({
  date: '2025-11-14',
  title,
  summary: 'Something happened.',
  kind: 'STATEMENT',
  significance: 2,
  fronts: ['gaza'],
  sources: [{ publisher: 'Test Wire', title: 'A report' }],
});

describeEachDatabase('changesSince and titles', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  type Changes = { briefing: { changesSince: { eventId: string; action: string; title: string | null }[] } };

  it('shows no title of a deleted event, and only the current title of a corrected one, to readers and anonymous callers', async () => {
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const leaked = (
      await server.gql<{ createEvent: { id: string } }>(
        CREATE,
        { input: event('Informant Jane Roe named in leak') },
        server.editorKey,
      )
    ).data!.createEvent.id;
    expect(
      (await server.gql(UPDATE, { id: leaked, input: { title: 'Informant named in leak' } }, server.editorKey)).errors,
    ).toBeUndefined();
    expect((await server.gql(DELETE, { id: leaked }, server.editorKey)).errors).toBeUndefined();
    const kept = (
      await server.gql<{ createEvent: { id: string } }>(
        CREATE,
        { input: event('Draft headline with a name') },
        server.editorKey,
      )
    ).data!.createEvent.id;
    expect(
      (await server.gql(UPDATE, { id: kept, input: { title: 'Corrected headline' } }, server.editorKey)).errors,
    ).toBeUndefined();

    for (const key of [null, server.readerKey]) {
      for (const fronts of [null, ['gaza']]) {
        const res = await server.gql<Changes>(CHANGES, { since, fronts }, key);
        expect(res.errors).toBeUndefined();
        expect(res.data!.briefing.changesSince.map((c) => [c.eventId, c.action, c.title])).toEqual([
          [leaked, 'CREATED', null],
          [leaked, 'UPDATED', null],
          [leaked, 'DELETED', null],
          [kept, 'CREATED', 'Corrected headline'],
          [kept, 'UPDATED', 'Corrected headline'],
        ]);
        expect(JSON.stringify(res.data)).not.toMatch(/Jane Roe|Informant|Draft headline/);
      }
    }
  });
});
