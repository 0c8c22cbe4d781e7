import { describeEachDatabase } from '../support/databases';
import { connected, liveClient, LiveClient } from '../support/subscriptions';
import { startTestServer, TestServer } from '../support/test-server';

const PUBLISH = `mutation ($fronts: [String!]) {
  publishEdition(date: "2025-11-15", fronts: $fronts) { id number }
}`;
const EDITION_PUBLISHED = `subscription ($fronts: [String!]) {
  editionPublished(fronts: $fronts) { id number date fronts formats { format sha256 } }
}`;

describeEachDatabase('editionPublished', (kind) => {
  let server: TestServer;
  const clients: LiveClient[] = [];
  const open = async (): Promise<LiveClient> => {
    const live = liveClient(server.url);
    clients.push(live);
    await connected(live);
    return live;
  };
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(() => server?.stop());

  const publish = async (fronts: string[] | null): Promise<{ id: string; number: number }> => {
    const res = await server.gql<{ publishEdition: { id: string; number: number } }>(
      PUBLISH,
      { fronts },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.publishEdition;
  };

  it('pushes each edition published after its commit, filtered by front (all-front editions cover every front)', async () => {
    const live = await open();
    const iran = live.subscribe(EDITION_PUBLISHED, { fronts: ['iran'] });
    const every = live.subscribe(EDITION_PUBLISHED, {});
    // The subscriptions start asynchronously after the subscribe messages.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const gaza = await publish(['gaza']);
    const all = await publish(null);

    const first = await every.next();
    expect(first.errors).toBeUndefined();
    const pushed = first.data!.editionPublished as { id: string; formats: { format: string; sha256: string }[] };
    expect(pushed).toMatchObject({ id: gaza.id, number: 1, date: '2025-11-15', fronts: ['gaza'] });
    expect(pushed.formats.map((f) => f.format).sort()).toEqual(['EMAIL', 'HTML', 'MARKDOWN', 'TEXT']);
    expect((await every.next()).data!.editionPublished).toMatchObject({ id: all.id, fronts: null });

    // The Gaza edition is not on the Iran front; the one of every front is.
    expect((await iran.next()).data!.editionPublished).toMatchObject({ id: all.id });
    expect(iran.pending()).toEqual([]);
  });

  it('refuses an unknown front when the subscription starts', async () => {
    const live = await open();
    const subscription = live.subscribe(EDITION_PUBLISHED, { fronts: ['atlantis'] });
    const message = await subscription.next();
    expect(message.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fronts' });
  });
});
