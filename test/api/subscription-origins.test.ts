import type { ClientRequestArgs } from 'node:http';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const ALLOWED = 'http://app.example:5173';

type Handshake = { opened: true } | { opened: false; status: number | undefined; body: string };

/** Opens a raw WebSocket to /graphql with the given Origin (none when undefined): opened, or the refusal's status. */
function handshake(url: string, origin?: string): Promise<Handshake> {
  const options: WebSocket.ClientOptions & ClientRequestArgs = origin === undefined ? {} : { origin };
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', options);
  return new Promise((resolve) => {
    socket.on('open', () => {
      socket.close();
      resolve({ opened: true });
    });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ opened: false, status: response.statusCode, body }));
    });
    socket.on('error', () => resolve({ opened: false, status: undefined, body: '' }));
  });
}

describe('WebSocket upgrades and the CORS origins [sqlite]', () => {
  let server: TestServer;
  const clients: Client[] = [];
  beforeAll(async () => {
    server = await startTestServer('sqlite', { SITREP_CORS_ORIGINS: `${ALLOWED},http://localhost:*` });
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await server?.stop();
  });

  it('serves subscriptions to a page of an allowed origin', async () => {
    // A browser's WebSocket: the page's origin goes with the upgrade.
    class FromAllowedOrigin extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { origin: ALLOWED });
      }
    }
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: FromAllowedOrigin,
      retryAttempts: 0,
    });
    clients.push(client);
    const received = new Promise<unknown>((resolve, reject) => {
      client.subscribe(
        { query: 'subscription { eventChanged { action event { title } } }' },
        { next: (value) => resolve(value), error: reject, complete: () => reject(new Error('completed')) },
      );
    });
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.gql(CREATE, { input: eventInput({ title: 'Seen from the app' }) }, server.editorKey);
    expect(await received).toEqual({
      data: { eventChanged: { action: 'CREATED', event: { title: 'Seen from the app' } } },
    });
  });

  it('upgrades for allowed origins, a port wildcard, and no Origin at all (clients outside a browser)', async () => {
    expect(await handshake(server.url, ALLOWED)).toEqual({ opened: true });
    expect(await handshake(server.url, 'HTTP://APP.EXAMPLE:5173')).toEqual({ opened: true });
    expect(await handshake(server.url, 'http://localhost:3000')).toEqual({ opened: true });
    expect(await handshake(server.url)).toEqual({ opened: true });
  });

  it('refuses with 403 before the upgrade an origin that is not allowed, `null`, and a malformed one', async () => {
    for (const origin of [
      'http://evil.example',
      'http://app.example:5174',
      'https://app.example:5173',
      'http://127.0.0.1:3000',
      'null',
      `${ALLOWED}, http://evil.example`,
      `${ALLOWED}/path`,
    ]) {
      const result = await handshake(server.url, origin);
      expect({ origin, result }).toEqual({
        origin,
        result: {
          opened: false,
          status: 403,
          body: 'WebSocket connections from this origin are not allowed (SITREP_CORS_ORIGINS)',
        },
      });
    }
  });
});

describe('WebSocket upgrades in production with no CORS origins [sqlite]', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { NODE_ENV: 'production' });
  });
  afterAll(() => server?.stop());

  it("refuses every other browser origin, and still serves Sitrep's own pages and clients that send none", async () => {
    const port = new URL(server.url).port;
    expect(await handshake(server.url, 'http://localhost:5173')).toMatchObject({ opened: false, status: 403 });
    expect(await handshake(server.url, `http://localhost:${port}`)).toMatchObject({ opened: false, status: 403 });
    // The explorer at /graphql, on the address the browser connected to.
    expect(await handshake(server.url, server.url)).toEqual({ opened: true });
    expect(await handshake(server.url)).toEqual({ opened: true });
  });
});

describe('WebSocket upgrades behind a proxy with SITREP_PUBLIC_URL [sqlite]', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      NODE_ENV: 'production',
      SITREP_PUBLIC_URL: 'https://sitrep.example.org/',
    });
  });
  afterAll(() => server?.stop());

  it("lets the public origin's pages in, and no other", async () => {
    expect(await handshake(server.url, 'https://sitrep.example.org')).toEqual({ opened: true });
    expect(await handshake(server.url, 'http://sitrep.example.org')).toMatchObject({ opened: false, status: 403 });
  });
});
