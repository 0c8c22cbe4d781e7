import { describeEachDatabase } from '../support/databases';
import { connected, liveClient, LiveClient } from '../support/subscriptions';
import { startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const UPDATE = 'mutation ($id: ID!, $input: EventUpdateInput!) { updateEvent(id: $id, input: $input) { id } }';
const DELETE = 'mutation ($id: ID!) { deleteEvent(id: $id) }';
const EVENT_CHANGED = `subscription ($fronts: [String!]) {
  eventChanged(fronts: $fronts) { eventId action changedAt revision fronts event { id title fronts { slug } } }
}`;
const BRIEFING_CHANGED = `subscription ($date: Date!, $fronts: [String!], $timezone: String) {
  briefingChanged(date: $date, fronts: $fronts, timezone: $timezone) {
    date fronts timezone revision changes { eventId action title }
  }
}`;

/** A push is in memory, after the commit: a second is a generous bound (the "within a second"). */
const PROMPTLY_MS = 1_000;

describeEachDatabase('subscriptions', (kind) => {
  let server: TestServer;
  const clients: LiveClient[] = [];
  const open = async (key?: string | null): Promise<LiveClient> => {
    const live = liveClient(server.url, key);
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

  /** Subscribes and waits until the server has started the subscription (a ping round trip after it). */
  const started = async (live: LiveClient, query: string, variables?: Record<string, unknown>) => {
    const subscription = live.subscribe(query, variables);
    // The subscribe message is handled before the server reads the next one; a query over HTTP cannot overtake
    // it once a mutation has answered on another connection, but the subscription's start is asynchronous.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return subscription;
  };

  it('pushes eventChanged within a second of createEvent, with the event as it is now', async () => {
    const live = await open();
    const subscription = await started(live, EVENT_CHANGED);
    const created = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      { input: eventInput({ title: 'Pushed event' }) },
      server.editorKey,
    );
    const message = await subscription.next(PROMPTLY_MS);
    const revision = await server.services.briefings.revision();
    expect(message.errors).toBeUndefined();
    const change = message.data!.eventChanged as { changedAt: string };
    expect(Number.isNaN(Date.parse(change.changedAt))).toBe(false);
    expect(change).toEqual({
      eventId: created.data!.createEvent.id,
      action: 'CREATED',
      changedAt: change.changedAt,
      revision,
      fronts: ['gaza'],
      event: { id: created.data!.createEvent.id, title: 'Pushed event', fronts: [{ slug: 'gaza' }] },
    });
  });

  it('filters eventChanged by front, and reports updates and deletions', async () => {
    const live = await open();
    const iran = await started(live, EVENT_CHANGED, { fronts: ['iran'] });
    const gazaOnly = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      { input: eventInput() },
      server.editorKey,
    );
    const onIran = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      { input: eventInput({ fronts: ['iran'], title: 'On Iran' }) },
      server.editorKey,
    );
    const first = await iran.next(PROMPTLY_MS);
    expect(first.data!.eventChanged).toMatchObject({ eventId: onIran.data!.createEvent.id, action: 'CREATED' });
    // Moving the Gaza event onto Iran touches Iran; deleting it reports it once more, with no event left.
    const id = gazaOnly.data!.createEvent.id;
    await server.gql(UPDATE, { id, input: { fronts: ['gaza', 'iran'] } }, server.editorKey);
    expect((await iran.next(PROMPTLY_MS)).data!.eventChanged).toMatchObject({ eventId: id, action: 'UPDATED' });
    await server.gql(DELETE, { id }, server.editorKey);
    expect((await iran.next(PROMPTLY_MS)).data!.eventChanged).toMatchObject({
      eventId: id,
      action: 'DELETED',
      fronts: ['gaza', 'iran'],
      event: null,
    });
    expect(iran.pending()).toEqual([]);
  });

  it('publishes nothing for a write that rolls back', async () => {
    const live = await open();
    const subscription = await started(live, EVENT_CHANGED);
    // The unknown leader is found inside the write transaction, which rolls back.
    const refused = await server.gql(CREATE, { input: eventInput({ leaders: ['nobody-at-all'] }) }, server.editorKey);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const created = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      { input: eventInput() },
      server.editorKey,
    );
    const message = await subscription.next(PROMPTLY_MS);
    expect(message.data!.eventChanged).toMatchObject({ eventId: created.data!.createEvent.id });
    expect(subscription.pending()).toEqual([]);
  });

  it("pushes briefingChanged for a write in the briefing's window and on its fronts, with changesSince's changes", async () => {
    const live = await open();
    const subscription = await started(live, BRIEFING_CHANGED, { date: '2025-11-20', fronts: ['gaza'] });
    const before = new Date().toISOString();
    // Outside the window (a month before), and on another front: neither touches the briefing.
    await server.gql(CREATE, { input: eventInput({ date: '2025-10-01' }) }, server.editorKey);
    await server.gql(CREATE, { input: eventInput({ date: '2025-11-19', fronts: ['lebanon'] }) }, server.editorKey);
    const inside = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      { input: eventInput({ date: '2025-11-19', title: 'Inside the window' }) },
      server.editorKey,
    );
    const message = await subscription.next(PROMPTLY_MS);
    const read = await server.gql<{ briefing: { changesSince: unknown[] } }>(
      `{ briefing(date: "2025-11-20", fronts: ["gaza"]) { changesSince(since: "${before}") { eventId action title } } }`,
    );
    expect(message.data!.briefingChanged).toEqual({
      date: '2025-11-20',
      fronts: ['gaza'],
      timezone: 'UTC',
      revision: await server.services.briefings.revision(),
      changes: read.data!.briefing.changesSince,
    });
    expect(read.data!.briefing.changesSince).toEqual([
      { eventId: inside.data!.createEvent.id, action: 'CREATED', title: 'Inside the window' },
    ]);
    expect(subscription.pending()).toEqual([]);
  });

  it('refuses bad arguments when the subscription starts, naming the field', async () => {
    const live = await open();
    const unknownFront = live.subscribe(EVENT_CHANGED, { fronts: ['atlantis'] });
    expect((await unknownFront.next()).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fronts',
    });
    const badDate = live.subscribe(BRIEFING_CHANGED, { date: '2025-11-20', timezone: 'Mars/Olympus' });
    expect((await badDate.next()).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timezone' });
  });
});
