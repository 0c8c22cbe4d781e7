import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { connected, liveClient, LiveClient } from '../support/subscriptions';
import { startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

const EVENT_CHANGED = 'subscription { eventChanged { eventId action } }';
const DELIVERIES = 'subscription { deliveryUpdated { id status recipients } }';
const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 200));

describe('subscription keys and limits [sqlite]', () => {
  let server: TestServer;
  let outbox: string;
  const clients: LiveClient[] = [];
  const open = (url: string, key?: string | null, pathname?: string): LiveClient => {
    const live = liveClient(url, key, pathname);
    clients.push(live);
    return live;
  };
  beforeAll(async () => {
    outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-live-outbox-'));
    server = await startTestServer('sqlite', {
      SITREP_WS_MAX_SUBSCRIPTIONS: '2',
      SITREP_WS_MAX_MESSAGE_BYTES: '2048',
      SITREP_GRAPHQL_MAX_DEPTH: '3',
      SITREP_GRAPHQL_MAX_TOKENS: '100',
      SITREP_GRAPHQL_MAX_COST: '5',
      SITREP_OUTBOX_DIR: outbox,
    });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(outbox, { recursive: true, force: true });
  });

  it('refuses an unknown key when the connection opens, and does not retry', async () => {
    const live = open(server.url, 'not-a-key');
    await expect(connected(live)).rejects.toThrow(/4401 The API key is unknown or revoked/);
  });

  it('gives deliveryUpdated to editors only, and pushes each step of a send', async () => {
    const reader = open(server.url, server.readerKey);
    await connected(reader);
    const refused = reader.subscribe(DELIVERIES);
    expect((await refused.next()).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = open(server.url);
    await connected(anonymous);
    expect((await anonymous.subscribe(DELIVERIES).next()).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const editor = open(server.url, server.editorKey);
    await connected(editor);
    const deliveries = editor.subscribe(DELIVERIES);
    await settle();
    const sent = await server.gql<{ sendBriefing: { id: string } }>(
      'mutation { sendBriefing(date: "2025-11-15", to: ["analyst@example.org"]) { id status } }',
      {},
      server.editorKey,
    );
    expect(sent.errors).toBeUndefined();
    const id = sent.data!.sendBriefing.id;
    const statuses: string[] = [];
    for (;;) {
      const update = (await deliveries.next()).data!.deliveryUpdated as { id: string; status: string };
      expect(update).toMatchObject({ id, recipients: ['analyst@example.org'] });
      statuses.push(update.status);
      if (update.status !== 'PENDING') break;
    }
    expect(statuses[0]).toBe('PENDING');
    expect(statuses.at(-1)).toBe('SENT');
  });

  it('holds at most SITREP_WS_MAX_SUBSCRIPTIONS subscriptions per connection', async () => {
    const live = open(server.url);
    await connected(live);
    const first = live.subscribe(EVENT_CHANGED);
    const second = live.subscribe(EVENT_CHANGED);
    const third = live.subscribe(EVENT_CHANGED);
    expect((await third.next()).errors?.[0].extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    await settle();
    // The two within the cap keep working; completing one frees its place.
    await server.gql(CREATE, { input: eventInput() }, server.editorKey);
    expect((await first.next()).data!.eventChanged).toMatchObject({ action: 'CREATED' });
    expect((await second.next()).data!.eventChanged).toMatchObject({ action: 'CREATED' });
    first.unsubscribe();
    await settle();
    const fourth = live.subscribe(EVENT_CHANGED);
    await settle();
    await server.gql(CREATE, { input: eventInput() }, server.editorKey);
    expect((await fourth.next()).data!.eventChanged).toMatchObject({ action: 'CREATED' });
  });

  it('closes a connection that sends a message over SITREP_WS_MAX_MESSAGE_BYTES with 1009', async () => {
    const live = open(server.url);
    await connected(live);
    const consoleErrors = jest.spyOn(console, 'error');
    try {
      live.subscribe(`subscription { eventChanged(fronts: [${'"gaza", '.repeat(300)}"gaza"]) { eventId } }`);
      expect((await live.closed).code).toBe(1009);
      await settle();
      // A client's oversized message is no internal error (graphql-ws's adapter would log one with a stack).
      expect(consoleErrors).not.toHaveBeenCalled();
    } finally {
      consoleErrors.mockRestore();
    }
  });

  it('applies the query limits to subscriptions, with their codes', async () => {
    const live = open(server.url);
    await connected(live);
    const deep = live.subscribe('subscription { eventChanged { event { fronts { regions { slug } } } } }');
    expect((await deep.next()).errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
    const invalid = live.subscribe('subscription { eventChanged { nope } }');
    expect((await invalid.next()).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const long = live.subscribe(`subscription { eventChanged { ${'eventId '.repeat(150)} } }`);
    expect((await long.next()).errors?.[0].extensions?.code).toBe('TOO_MANY_TOKENS');
    const costly = live.subscribe('subscription { eventChanged { eventId action changedAt revision event { id } } }');
    expect((await costly.next()).errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const unparsable = live.subscribe('subscription {');
    expect((await unparsable.next()).errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const query = live.subscribe('{ fronts { slug } }');
    expect((await query.next()).errors?.[0].extensions?.code).toBe('BAD_REQUEST');
  });

  it('refuses WebSocket upgrades on any other path', async () => {
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/elsewhere`, 'graphql-transport-ws');
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
      socket.on('open', () => resolve(undefined));
      socket.on('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });

  it('refuses an upgrade whose Host is not a host name, as every route does', async () => {
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
      headers: { host: '127.0.0.1:4000@evil.example' },
    });
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
      socket.on('open', () => resolve(undefined));
      socket.on('error', () => resolve(undefined));
    });
    expect(status).toBe(400);
  });
});

describe('subscriptions with SITREP_READ_KEYS_REQUIRED [sqlite]', () => {
  let server: TestServer;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    server = await startTestServer('sqlite', { SITREP_READ_KEYS_REQUIRED: 'true' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  it('refuses a connection without a key, and serves one with a reader key', async () => {
    const anonymous = liveClient(server.url);
    clients.push(anonymous);
    await expect(connected(anonymous)).rejects.toThrow(/4401 .*needs an API key/);
    const reader = liveClient(server.url, server.readerKey);
    clients.push(reader);
    await connected(reader);
    const subscription = reader.subscribe(EVENT_CHANGED);
    await settle();
    await server.gql(CREATE, { input: eventInput() }, server.editorKey);
    expect((await subscription.next()).data!.eventChanged).toMatchObject({ action: 'CREATED' });
  });
});

describe('subscription errors in production [sqlite]', () => {
  let server: TestServer;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    server = await startTestServer('sqlite', { NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  it('are masked as over HTTP: the code and field, no schema type named', async () => {
    const live = liveClient(server.url);
    clients.push(live);
    await connected(live);
    const query = 'subscription ($day: Date!) { briefingChanged(date: $day) { revision } }';
    const [error] = (await live.subscribe(query, { day: 'not a day' }).next()).errors!;
    const [overHttp] = (await server.gql('query ($day: Date!) { briefing(date: $day) { date } }', { day: 'not a day' }))
      .errors!;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'day' });
    expect(error.message).not.toMatch(/"Date"/);
    expect(error.message).toBe(overHttp.message);
    expect(error.extensions).not.toHaveProperty('stacktrace');
  });
});

describe('subscriptions and the HTTP timeouts [sqlite]', () => {
  let server: TestServer;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      SITREP_HTTP_REQUEST_TIMEOUT_MS: '1000',
      SITREP_HTTP_HEADERS_TIMEOUT_MS: '500',
      SITREP_HTTP_IDLE_TIMEOUT_MS: '1500',
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  it('keep a quiet subscription open past the request, headers and idle timeouts (graphql-ws pings it instead)', async () => {
    const live = liveClient(server.url);
    clients.push(live);
    await connected(live);
    const subscription = live.subscribe(EVENT_CHANGED);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await server.gql(CREATE, { input: eventInput() }, server.editorKey);
    expect((await subscription.next()).data!.eventChanged).toMatchObject({ action: 'CREATED' });
  });
});
