import { MAX_BODY_BYTES } from '../../src/http/create-app';
import { startTestServer, TestServer } from '../support/test-server';
import { postGraphQL, raw, resolverActivity } from './support';

/** What the HTTP layer refuses before GraphQL runs anything: big bodies, batches, cross-site requests, GET mutations. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('sqlite');
});
afterAll(() => server?.stop());

/** A JSON body of exactly `bytes` bytes: a tiny query with padding in an (ignored) extension. */
function bodyOf(bytes: number): string {
  const shell = JSON.stringify({ query: '{ __typename }', extensions: { pad: '' } });
  const body = JSON.stringify({ query: '{ __typename }', extensions: { pad: 'x'.repeat(bytes - shell.length) } });
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}

describe('request body size (1 MB)', () => {
  it('accepts a body of exactly 1 MB', async () => {
    const res = await raw(server, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodyOf(MAX_BODY_BYTES),
    });
    expect(res.status).toBe(200);
    expect(res.json().data).toEqual({ __typename: 'Query' });
  });

  it('answers 413 for one byte more, before anything runs', async () => {
    const {
      result: res,
      serviceCalls,
      statements,
    } = await resolverActivity(server, () =>
      raw(server, '/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: bodyOf(MAX_BODY_BYTES + 1),
      }),
    );
    expect(res.status).toBe(413);
    expect(res.text).not.toMatch(/at .*\.js|node_modules/);
    expect(serviceCalls + statements).toBe(0);
  });

  it('answers 413 for a big mutation too', async () => {
    const events = Array.from({ length: 4000 }, (_, i) => ({ externalId: `big:${i}`, title: 'x'.repeat(300) }));
    const res = await postGraphQL(
      server,
      {
        query: 'mutation ($e: [EventCreateInput!]!) { importEvents(events: $e) { created } }',
        variables: { e: events },
      },
      { authorization: `Bearer ${server.editorKey}` },
    );
    expect(res.status).toBe(413);
  });
});

describe('HTTP batching', () => {
  it('is off: an array of operations is refused with 400', async () => {
    const { result: res, serviceCalls } = await resolverActivity(server, () =>
      postGraphQL(server, [{ query: '{ regions { slug } }' }, { query: '{ fronts { slug } }' }]),
    );
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/batch/i);
    expect(serviceCalls).toBe(0);
  });
});

describe('CSRF prevention (Apollo default)', () => {
  it('refuses a GET query without a preflight-forcing header', async () => {
    const { result: res, serviceCalls } = await resolverActivity(server, () =>
      raw(server, `/graphql?query=${encodeURIComponent('{ regions { slug } }')}`),
    );
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/CSRF/);
    expect(serviceCalls).toBe(0);
  });

  it('answers a GET query that carries apollo-require-preflight', async () => {
    const res = await raw(server, `/graphql?query=${encodeURIComponent('{ regions { slug } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect((res.json().data as { regions: unknown[] }).regions.length).toBeGreaterThan(0);
  });

  it('refuses a text/plain POST (a "simple" cross-site request)', async () => {
    const { result: res, serviceCalls } = await resolverActivity(server, () =>
      raw(server, '/graphql', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ regions { slug } }' }),
      }),
    );
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/CSRF/);
    expect(serviceCalls).toBe(0);
  });

  it('refuses form-encoded and multipart POSTs', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await raw(server, '/graphql', {
        method: 'POST',
        headers: { 'content-type': type },
        body: 'query=%7B__typename%7D',
      });
      expect({ type, status: res.status >= 400 && res.status < 500 }).toEqual({ type, status: true });
    }
  });
});

describe('mutations over GET', () => {
  it('are refused with 405 even with the preflight header and an editor key, and write nothing', async () => {
    const mutation = 'mutation { upsertRegion(input: { slug: "via-get", name: "Via GET", kind: TERRITORY }) { slug } }';
    const res = await raw(server, `/graphql?query=${encodeURIComponent(mutation)}`, {
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${server.editorKey}` },
    });
    expect(res.status).toBe(405);
    expect(res.json().errors?.[0].message).toMatch(/GET requests only support query operations/);
    expect(await server.services.regions.bySlug('via-get')).toBeNull();
  });
});
