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

  it('agrees with the briefing on month events: one not yet known by the date is not a change to it', async () => {
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const unknown = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      { input: { ...event('Sometime in November'), date: '2025-11' } },
      server.editorKey,
    );
    const known = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      {
        input: {
          ...event('Reported in November'),
          date: '2025-11',
          sources: [{ publisher: 'Test Wire', title: 'An early report', publishedOn: '2025-11-13' }],
        },
      },
      server.editorKey,
    );
    expect(unknown.errors).toBeUndefined();
    expect(known.errors).toBeUndefined();
    const res = await server.gql<Changes>(CHANGES, { since, fronts: ['gaza'] });
    expect(res.errors).toBeUndefined();
    expect(res.data!.briefing.changesSince.map((c) => c.title)).toEqual(['Reported in November']);
    const briefing = await server.gql<{
      briefing: { sections: { recent: { title: string }[]; alsoReported: { title: string }[] }[] };
    }>('{ briefing(date: "2025-11-15", fronts: ["gaza"]) { sections { recent { title } alsoReported { title } } } }');
    const shown = briefing.data!.briefing.sections.flatMap((s) => [...s.recent, ...s.alsoReported].map((e) => e.title));
    expect(shown).toContain('Reported in November');
    expect(shown).not.toContain('Sometime in November');
  });
});
