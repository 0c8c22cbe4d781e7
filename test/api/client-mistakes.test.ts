import { createHash } from 'node:crypto';
import { raw } from '../security/support';
import { startTestServer, TestServer } from '../support/test-server';

/**
 * Requests that are the client's mistake answer 400 (405 for a GET Apollo refuses) with a client code, never
 * INTERNAL_SERVER_ERROR, and nothing is logged as an error: a subscription over HTTP, bad persisted-query
 * requests, and a literal a scalar or enum refuses, which names its argument and location as a refused variable does.
 * No database work is involved, so one database suffices.
 */

type Body = {
  data?: unknown;
  errors?: { message: string; locations?: { line: number; column: number }[]; extensions?: Record<string, unknown> }[];
};

describe('client mistakes over HTTP', () => {
  let server: TestServer;
  let errorsLogged: jest.SpyInstance;
  let warningsLogged: jest.SpyInstance;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    errorsLogged = jest.spyOn(server.runtime.log, 'error');
    warningsLogged = jest.spyOn(server.runtime.log, 'warn');
  });
  afterAll(async () => {
    errorsLogged.mockRestore();
    warningsLogged.mockRestore();
    await server?.stop();
  });
  beforeEach(() => {
    errorsLogged.mockClear();
    warningsLogged.mockClear();
  });
  afterEach(() => {
    expect(errorsLogged).not.toHaveBeenCalled();
    expect(warningsLogged).not.toHaveBeenCalled();
  });

  const post = async (body: unknown): Promise<{ status: number; body: Body }> => {
    const res = await raw(server, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: res.json() };
  };

  it('a subscription over POST is a 400 BAD_REQUEST pointing at the WebSocket endpoint', async () => {
    const { status, body } = await post({ query: 'subscription { eventChanged { __typename } }' });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions?.code).toBe('BAD_REQUEST');
    expect(body.errors![0].message).toMatch(/WebSocket.*graphql-ws.*\/graphql/);
  });

  it('a subscription over GET is refused with BAD_REQUEST pointing at the WebSocket endpoint', async () => {
    const res = await raw(
      server,
      `/graphql?query=${encodeURIComponent('subscription { eventChanged { __typename } }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(res.status).toBe(405);
    const body = res.json() as Body;
    expect(body.errors![0].extensions?.code).toBe('BAD_REQUEST');
    expect(body.errors![0].message).toMatch(/WebSocket/);
  });

  const QUERY = '{ fronts { slug } }';
  const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

  it('a persisted query whose hash is not its query’s is a 400 PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const { status, body } = await post({
      query: QUERY,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ actors { slug } }') } },
    });
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_HASH_MISMATCH']);
    expect(body.errors![0].message).toMatch(/sha256Hash/);
  });

  it('a persisted query of an unknown version is a 400 PERSISTED_QUERY_VERSION_UNSUPPORTED', async () => {
    const { status, body } = await post({
      query: QUERY,
      extensions: { persistedQuery: { version: 2, sha256Hash: sha256(QUERY) } },
    });
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['PERSISTED_QUERY_VERSION_UNSUPPORTED']);
    expect(body.errors![0].message).toMatch(/version 1/);
  });

  it('a persisted query with its right hash still registers and then runs by hash alone', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(QUERY) } };
    const registered = await post({ query: QUERY, extensions });
    expect(registered.status).toBe(200);
    expect(registered.body.errors).toBeUndefined();
    const byHash = await post({ extensions });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data).toEqual(registered.body.data);
  });

  it('an impossible date written in the query names the argument and its location, like a refused variable', async () => {
    const literal = await post({ query: '{ briefing(date: "2025-02-30") { title } }' });
    const variable = await post({
      query: 'query($date: Date!) { briefing(date: $date) { title } }',
      variables: { date: '2025-02-30' },
    });
    for (const { status, body } of [literal, variable]) {
      expect(status).toBe(400);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'date' });
      expect(body.errors![0].message).toMatch(/2025-02-30/);
    }
    expect(literal.body.errors![0].locations).toEqual([{ line: 1, column: 18 }]);
  });

  it('literals inside input objects and lists are named by their path', async () => {
    const query = '{ events(first: 5, filter: { kinds: [STRIKE, NUKE], from: "2025-99-01" }) { totalCount } }';
    const { status, body } = await post({ query });
    expect(status).toBe(400);
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.locations])).toEqual([
      ['BAD_USER_INPUT', 'filter.kinds[1]', [{ line: 1, column: query.indexOf('NUKE') + 1 }]],
      ['BAD_USER_INPUT', 'filter.from', [{ line: 1, column: query.indexOf('"2025-99-01"') + 1 }]],
    ]);
  });

  it('a built-in scalar refusing a literal names the argument too', async () => {
    const { status, body } = await post({ query: '{ events(first: "ten") { totalCount } }' });
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(body.errors?.[0].locations).toEqual([{ line: 1, column: 17 }]);
  });
});
