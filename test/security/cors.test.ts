import { startTestServer, TestServer } from '../support/test-server';
import { raw } from './support';

/**
 * CORS over real HTTP: a preflight from an allowed origin is answered with the methods and headers browser clients
 * send, answers to it carry Access-Control-Allow-Origin and expose ETag and Content-Disposition; another origin gets
 * no CORS header at all; and Apollo's CSRF prevention still refuses a simple cross-origin request. (The browser's
 * side of it is test/browser/cors-browser.test.ts.) No database work is involved, so one database suffices.
 */

const APP = 'https://app.example.org';

describe('CORS', () => {
  let server: TestServer;
  let production: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { SITREP_CORS_ORIGINS: `${APP},http://localhost:*` });
    production = await startTestServer('sqlite', { NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await server?.stop();
    await production?.stop();
  });

  const preflight = (target: TestServer, path: string, origin: string, method: string, headers: string) =>
    raw(target, path, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
    });

  it('answers a preflight for /graphql with the methods and headers clients send', async () => {
    const res = await preflight(server, '/graphql', APP, 'POST', 'authorization,content-type,apollo-require-preflight');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-methods')?.split(/, */)).toEqual(
      expect.arrayContaining(['GET', 'POST']),
    );
    expect(res.headers.get('access-control-allow-headers')?.split(/, */)).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'apollo-require-preflight']),
    );
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('answers a preflight for a download with If-None-Match allowed', async () => {
    const res = await preflight(
      server,
      '/briefings/2025-11-15.txt',
      'http://localhost:5173',
      'GET',
      'authorization,if-none-match',
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/if-none-match/);
  });

  it('lets an allowed origin read a GraphQL answer and a download with its ETag and file name', async () => {
    const gql = await raw(server, '/graphql', {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'application/json', authorization: `Bearer ${server.readerKey}` },
      body: JSON.stringify({ query: '{ fronts { slug } }' }),
    });
    expect(gql.status).toBe(200);
    expect(gql.headers.get('access-control-allow-origin')).toBe(APP);
    const download = await raw(server, '/briefings/2025-11-15.txt', { headers: { origin: APP } });
    expect(download.status).toBe(200);
    expect(download.headers.get('access-control-allow-origin')).toBe(APP);
    expect(download.headers.get('access-control-expose-headers')?.split(/, */)).toEqual(
      expect.arrayContaining(['ETag', 'Content-Disposition']),
    );
    expect(download.headers.get('etag')).toBeTruthy();
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['an allowed host on another scheme', 'http://app.example.org'],
    ['an allowed host on another port', 'https://app.example.org:8443'],
    ['an opaque origin', 'null'],
  ])('gives %s no CORS header, on preflights and answers alike', async (_label, origin) => {
    const pre = await preflight(server, '/graphql', origin, 'POST', 'content-type');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();
    const res = await raw(server, '/briefings/2025-11-15.txt', { headers: { origin } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CSRF prevention: a simple cross-origin request from an allowed origin is still refused', async () => {
    const post = await raw(server, '/graphql', {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ fronts { slug } }' }),
    });
    expect(post.status).toBe(400);
    expect(post.json().errors?.[0].message).toMatch(/Cross-Site Request Forgery/);
    const get = await raw(server, `/graphql?query=${encodeURIComponent('{ fronts { slug } }')}`, {
      headers: { origin: APP },
    });
    expect(get.status).toBe(400);
    expect(get.json().errors?.[0].message).toMatch(/Cross-Site Request Forgery/);
    const preflighted = await raw(server, `/graphql?query=${encodeURIComponent('{ fronts { slug } }')}`, {
      headers: { origin: APP, 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('allows no origin in production unless configured', async () => {
    const pre = await preflight(production, '/graphql', 'http://localhost:5173', 'POST', 'content-type');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});
