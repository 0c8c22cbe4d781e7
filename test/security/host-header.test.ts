import { socketRequest } from '../faults/support';
import { startTestServer, TestServer } from '../support/test-server';

/**
 * The Host header is the client's: a malformed one is a 400 with a message on every route (not a 500 from a URL
 * parser), and download links are built only from a host that is a host name or IP literal with an optional port.
 */

const RENDER = JSON.stringify({ query: '{ briefing(date: "2025-11-15") { render(format: TEXT) { downloadUrl } } }' });

function post(path: string, host: string | null, body: string, version = '1.1'): string {
  return [
    `POST ${path} HTTP/${version}`,
    ...(host === null ? [] : [`Host: ${host}`]),
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ].join('\r\n');
}

function get(path: string, host: string | null, version = '1.1', extra: string[] = []): string {
  return [
    `GET ${path} HTTP/${version}`,
    ...(host === null ? [] : [`Host: ${host}`]),
    ...extra,
    'Connection: close',
  ].join('\r\n');
}

const BAD_HOSTS = [
  'a b',
  '[::1',
  '[::1]x',
  '[not-ipv6]:80',
  '127.0.0.1:4000@evil.example',
  'user@evil.example',
  'evil.example/path',
  'evil.example?x',
  'evil.example#x',
  'host:99999',
  'host:abc',
  'host:',
  ':4000',
  '-bad-.example',
  'a..b',
  '"quoted"',
  'exa%20mple',
  'x'.repeat(400),
];
const ROUTES = [
  '/graphql',
  '/briefings/2025-11-15.txt',
  '/editions/latest/2025-11-15.txt',
  '/editions/00000000-0000-4000-8000-000000000000.txt',
  '/graphql-explorer/explorer.js',
  '/healthz',
  '/readyz',
  '/no-such-route',
];

function expectRefused(res: { status: number; body: string }, what: string): void {
  expect({ what, status: res.status }).toEqual({ what, status: 400 });
  expect(res.body).toMatch(/Host/);
  expect(res.body).not.toMatch(/ERR_INVALID_URL|Invalid URL|at .+\.js:\d+|node_modules/);
}

describe('Host header', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  }, 120_000);
  afterAll(() => server?.stop());

  it('is refused with 400 and a message on every route when malformed', async () => {
    for (const host of BAD_HOSTS) {
      expectRefused(
        await socketRequest(server.url, post('/graphql', host, RENDER), RENDER),
        `POST /graphql, Host: ${host.slice(0, 40)}`,
      );
      for (const route of ROUTES)
        expectRefused(await socketRequest(server.url, get(route, host)), `GET ${route}, Host: ${host.slice(0, 40)}`);
    }
  });

  it('is refused when empty', async () => {
    for (const route of ROUTES)
      expectRefused(await socketRequest(server.url, get(route, '')), `GET ${route}, empty Host`);
  });

  it('is required of HTTP/1.0 requests, except by the health probes', async () => {
    expectRefused(
      await socketRequest(server.url, post('/graphql', null, RENDER, '1.0'), RENDER),
      'HTTP/1.0 POST /graphql without Host',
    );
    expectRefused(
      await socketRequest(server.url, get('/briefings/2025-11-15.txt', null, '1.0')),
      'HTTP/1.0 download without Host',
    );
    expect((await socketRequest(server.url, get('/healthz', null, '1.0'))).status).toBe(200);
    expect((await socketRequest(server.url, get('/readyz', null, '1.0'))).status).toBe(200);
  });

  it('is required of HTTP/1.1 requests', async () => {
    expect((await socketRequest(server.url, get('/healthz', null))).status).toBe(400);
    expect((await socketRequest(server.url, post('/graphql', null, RENDER), RENDER)).status).toBe(400);
  });

  it('builds download links from a valid host, in canonical form', async () => {
    const port = new URL(server.url).port;
    for (const [host, origin] of [
      [`127.0.0.1:${port}`, `http://127.0.0.1:${port}`],
      [`LocalHost:${port}`, `http://localhost:${port}`],
      [`[::1]:${port}`, `http://[::1]:${port}`],
      ['news.example.org', 'http://news.example.org'],
      ['news.example.org.', 'http://news.example.org.'],
    ]) {
      const res = await socketRequest(server.url, post('/graphql', host, RENDER), RENDER);
      expect({ host, status: res.status }).toEqual({ host, status: 200 });
      const url = (JSON.parse(res.body) as { data: { briefing: { render: { downloadUrl: string } } } }).data.briefing
        .render.downloadUrl;
      expect(url).toBe(`${origin}/briefings/2025-11-15.txt`);
    }
  });

  it("builds an edition's download links from a valid host, and refuses a bad one before publishing", async () => {
    const port = new URL(server.url).port;
    const publish = (host: string): Promise<{ status: number; body: string }> => {
      const body = JSON.stringify({
        query: 'mutation { publishEdition(date: "2025-11-15", fronts: ["gaza"]) { id formats { downloadUrl } } }',
      });
      return socketRequest(
        server.url,
        [post('/graphql', host, body), `Authorization: Bearer ${server.editorKey}`].join('\r\n'),
        body,
      );
    };
    const refused = await publish('127.0.0.1:4000@evil.example');
    expectRefused(refused, 'publishEdition with userinfo in Host');
    const res = await publish(`LocalHost:${port}`);
    expect(res.status).toBe(200);
    const edition = (
      JSON.parse(res.body) as { data: { publishEdition: { id: string; formats: { downloadUrl: string }[] } } }
    ).data.publishEdition;
    expect(edition.formats.length).toBeGreaterThan(0);
    for (const { downloadUrl } of edition.formats)
      expect(downloadUrl).toMatch(new RegExp(`^http://localhost:${port}/editions/${edition.id}\\.[a-z]+$`));
    const numbers = await socketRequest(
      server.url,
      post('/graphql', `localhost:${port}`, JSON.stringify({ query: '{ editions { totalCount } }' })),
      JSON.stringify({ query: '{ editions { totalCount } }' }),
    );
    expect(numbers.body).toContain('"totalCount":1');
  });

  it('answers downloads and probes for a valid host', async () => {
    const port = new URL(server.url).port;
    expect((await socketRequest(server.url, get('/briefings/2025-11-15.txt', `localhost:${port}`))).status).toBe(200);
    expect((await socketRequest(server.url, get('/healthz', 'localhost'))).status).toBe(200);
  });
});

describe('X-Forwarded-Host from a trusted proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { SITREP_TRUST_PROXY: '127.0.0.1' });
  }, 120_000);
  afterAll(() => server?.stop());

  it('is held to the same rule as Host, and gives the links when valid', async () => {
    const port = new URL(server.url).port;
    const bad = await socketRequest(
      server.url,
      [post('/graphql', `127.0.0.1:${port}`, RENDER), 'X-Forwarded-Host: 127.0.0.1@evil.example'].join('\r\n'),
      RENDER,
    );
    expectRefused(bad, 'X-Forwarded-Host with userinfo');
    const good = await socketRequest(
      server.url,
      [
        post('/graphql', `127.0.0.1:${port}`, RENDER),
        'X-Forwarded-Host: news.example.org',
        'X-Forwarded-Proto: https',
      ].join('\r\n'),
      RENDER,
    );
    expect(good.status).toBe(200);
    expect(good.body).toContain('"downloadUrl":"https://news.example.org/briefings/2025-11-15.txt"');
  });
});
