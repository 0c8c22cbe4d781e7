import { EventSearchText1766000000003 } from '../../src/db/migrations/1766000000003-event-search-text';
import { eventInput } from '../api/fixtures';
import { describeEachDatabase } from '../support/databases';
import { undoAndRedo } from '../support/migrations';
import { startTestServer, TestServer } from '../support/test-server';

const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const UPDATE = 'mutation ($id: ID!, $input: EventUpdateInput!) { updateEvent(id: $id, input: $input) { id } }';
const FIND = 'query ($text: String!) { events(first: 50, filter: { text: $text }) { edges { node { id } } } }';

describeEachDatabase('the text filter ignores case in every script, alike on both databases', (kind) => {
  let server: TestServer;
  let id: string;
  beforeAll(async () => {
    server = await startTestServer(kind);
    const res = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      {
        input: eventInput({
          title: 'ÄRGER über ÖLPREISE',
          summary: 'ΣΕΙΣΜΌΣ in Ankara; Курс 50%_off; Cafe\u0301 talks.',
        }),
      },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    id = res.data!.createEvent.id;
  });
  afterAll(() => server?.stop());

  const find = async (text: string): Promise<string[]> =>
    (await server.gql<{ events: { edges: { node: { id: string } }[] } }>(FIND, { text })).data!.events.edges.map(
      (e) => e.node.id,
    );

  it.each(['ärger', 'Ärger', 'ÄRGER', 'ölpreise', 'ÜBER', 'σεισμός', 'курс', 'café', 'CAFÉ', '50%_off'])(
    'finds the event by %j',
    async (text) => {
      expect(await find(text)).toEqual([id]);
    },
  );

  it.each(['arger', '50%off', '5_%', 'ärger über ölpreise ΣΕΙΣΜΌΣ'])(
    'keeps wildcards literal and finds nothing for %j',
    async (text) => {
      expect(await find(text)).toEqual([]);
    },
  );

  it('follows an edit of the title', async () => {
    const edited = await server.gql(UPDATE, { id, input: { title: 'FRIEDE über ÖLPREISE' } }, server.editorKey);
    expect(edited.errors).toBeUndefined();
    expect(await find('ärger')).toEqual([]);
    expect(await find('friede')).toEqual([id]);
  });

  it('backfills stored events in the migration', async () => {
    await undoAndRedo(server, new EventSearchText1766000000003());
    expect(await find('FRIEDE')).toEqual([id]);
    expect(await find('σεισμός')).toEqual([id]);
  });
});
