import { MAX_MESSAGE_CHARS } from '../../src/errors/app-errors';
import type { Logger } from '../../src/logging/logger';
import { HEALTH_BOUND_MS, withHealthSampling } from '../faults/support';
import { describeEachDatabase, DatabaseKind } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';
import { postGraphQL, raw } from './support';

/**
 * Errors never leak internals: an unexpected failure is INTERNAL_SERVER_ERROR with a request id and its detail in the
 * log; production answers carry no stack, no SQL and no "Did you mean" hints; introspection follows
 * SITREP_INTROSPECTION (on by default outside production, off in production).
 */

const LEAKS =
  /\bSELECT\b|\bINSERT INTO\b|\bFROM "|no such table|SQLITE_|relation "[^"]*" does not exist|QueryFailedError|TypeORM|[Ss]tacktrace|\bat \S+ \(|\.ts:\d|\.js:\d|node_modules/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeEachDatabase('an unexpected error (a table gone under a running server)', (kind: DatabaseKind) => {
  for (const env of ['development', 'production'] as const) {
    describe(`with NODE_ENV=${env}`, () => {
      let server: TestServer;
      let logged: jest.SpyInstance<void, Parameters<Logger['error']>>;
      beforeAll(async () => {
        server = await startTestServer(kind, { NODE_ENV: env });
        logged = jest.spyOn(server.runtime.log, 'error').mockImplementation(() => undefined);
        await server.services.db.dataSource.query('DROP TABLE quotes');
      });
      afterAll(async () => {
        logged.mockRestore();
        await server?.stop();
      });

      it('reaches a GraphQL client as INTERNAL_SERVER_ERROR with a request id, and the detail reaches the log', async () => {
        logged.mockClear();
        const res = await postGraphQL(server, {
          query: '{ events(first: 5) { edges { node { id title quotes { text } } } } }',
        });
        const body = res.json();
        expect(body.errors?.length).toBeGreaterThan(0);
        const [error] = body.errors!;
        expect(error.message).toBe('Internal server error');
        expect(Object.keys(error.extensions ?? {}).sort()).toEqual(['code', 'requestId']);
        expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(error.extensions?.requestId).toMatch(UUID);
        expect(res.text).not.toMatch(LEAKS);
        // The log has what the client does not: the driver's message, the stack, under the same request id.
        const entry = logged.mock.calls.find(([message]) => message === 'unexpected error');
        expect(entry).toBeDefined();
        const fields = entry![1] as Record<string, unknown>;
        expect(fields.requestId).toBe(error.extensions?.requestId);
        expect(String(fields.message)).toMatch(/quotes/);
        expect(String(fields.stack)).toMatch(/\n[ \t]+at /);
      });

      it('reaches a download as a plain 500 naming only the request id', async () => {
        logged.mockClear();
        const res = await raw(server, '/briefings/2025-11-15.md');
        expect(res.status).toBe(500);
        expect(res.text).toMatch(/^Internal server error \(request [0-9a-f-]{36}\)\n$/);
        expect(res.text).not.toMatch(LEAKS);
        expect(logged).toHaveBeenCalledWith(
          'unexpected error',
          expect.objectContaining({ stack: expect.stringMatching(/at /) as unknown }),
        );
      });

      it('still answers what does not touch the table', async () => {
        const res = await postGraphQL(server, { query: '{ fronts { slug } }' });
        expect(res.status).toBe(200);
        expect(res.json().errors).toBeUndefined();
      });
    });
  }
});

describe('schema hints ("Did you mean") and introspection', () => {
  const servers: Record<string, TestServer> = {};
  beforeAll(async () => {
    servers.development = await startTestServer('sqlite', { NODE_ENV: 'development' });
    servers.developmentOff = await startTestServer('sqlite', {
      NODE_ENV: 'development',
      SITREP_INTROSPECTION: 'false',
    });
    servers.production = await startTestServer('sqlite', { NODE_ENV: 'production' });
    servers.productionOn = await startTestServer('sqlite', { NODE_ENV: 'production', SITREP_INTROSPECTION: 'true' });
  });
  afterAll(() => Promise.all(Object.values(servers).map((s) => s.stop())));

  const TYPO_FIELD = { query: '{ evnts(first: 1) { totalCount } }' };
  const TYPO_ENUM = {
    query: 'query ($k: [EventKind!]) { events(filter: { kinds: $k }) { totalCount } }',
    variables: { k: ['STRIK'] },
  };
  const TYPO_INPUT_FIELD = {
    query: 'query ($f: EventFilterInput) { events(filter: $f) { totalCount } }',
    variables: { f: { frnts: ['gaza'] } },
  };
  const TYPO_ENUM_LITERAL = { query: '{ events(filter: { kinds: [STRIK] }) { totalCount } }' };
  const typos = { TYPO_FIELD, TYPO_ENUM, TYPO_INPUT_FIELD, TYPO_ENUM_LITERAL };

  it('outside production, errors suggest the right name (the control for the test below)', async () => {
    for (const [name, request] of Object.entries(typos)) {
      const res = await postGraphQL(servers.development, request);
      expect({ name, text: res.text }).toEqual({ name, text: expect.stringMatching(/Did you mean/) as unknown });
    }
  });

  it('in production, no error suggests a name, and each still has its code', async () => {
    for (const [name, request] of Object.entries(typos)) {
      const res = await postGraphQL(servers.production, request);
      const body = res.json();
      expect({ name, text: res.text }).toEqual({
        name,
        text: expect.not.stringMatching(/Did you mean|STRIKE|"fronts"|"events"/) as unknown,
      });
      expect({ name, code: body.errors?.[0].extensions?.code }).toEqual({
        name,
        code: expect.stringMatching(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/) as unknown,
      });
      expect(res.text).not.toMatch(LEAKS);
    }
  });

  // Messages quote the client's value; hints are stripped from them in production. Neither may take time that
  // grows faster than the message, nor echo the whole value back.
  const LONG = 200_000;
  // What each message says of the value: graphql-js quotes it (cut in the middle), our timezone check only counts it.
  const CUT = /characters left out/;
  const echoing = {
    'an unknown timezone (our own message)': {
      query: 'query($tz: String){ briefing(date: "2025-11-15", timezone: $tz) { title } }',
      variables: { tz: ' '.repeat(LONG) },
      says: /got 200000 characters/,
    },
    'an Int from a string (variable coercion)': {
      query: 'query($n: Int!) { events(first: $n) { totalCount } }',
      variables: { n: ' '.repeat(LONG) },
      says: CUT,
    },
    'a Date from a string (custom scalar)': {
      query: 'query($d: Date!) { briefing(date: $d) { title } }',
      variables: { d: `${' '.repeat(LONG)}x` },
      says: CUT,
    },
    'an Int from a string literal of hint words (validation)': {
      query: `{ events(first: ${JSON.stringify('Did you mean '.repeat(LONG / 13))}) { totalCount } }`,
      says: CUT,
    },
  };

  it.each(Object.keys(echoing))(
    '%s: answered without holding the server, with a bounded message, in both modes',
    async (name) => {
      for (const env of ['development', 'production']) {
        const { says, ...request } = echoing[name as keyof typeof echoing];
        const { result: res, worstHealthMs } = await withHealthSampling(servers[env].url, () =>
          postGraphQL(servers[env], request),
        );
        const error = res.json().errors?.[0];
        expect({ env, code: error?.extensions?.code }).toEqual({
          env,
          code: expect.stringMatching(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/) as unknown,
        });
        expect(error?.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
        expect(error?.message).toMatch(says);
        expect({ env, healthWithinBound: worstHealthMs < HEALTH_BOUND_MS }).toEqual({ env, healthWithinBound: true });
      }
    },
  );

  it('a bounded message keeps which variable and what was expected', async () => {
    const res = await postGraphQL(servers.production, echoing['an Int from a string (variable coercion)']);
    const error = res.json().errors![0];
    expect(error.message).toMatch(/^Variable "\$n" got invalid value "/);
    expect(error.message).toMatch(/"$/);
    expect(error.extensions?.field).toBe('n');
  });

  const INTROSPECTION = '{ __schema { queryType { name } } }';
  const TYPE_INTROSPECTION = '{ __type(name: "Event") { fields { name } } }';

  it.each([
    ['development (default on)', 'development', true],
    ['development with SITREP_INTROSPECTION=false', 'developmentOff', false],
    ['production (default off)', 'production', false],
    ['production with SITREP_INTROSPECTION=true', 'productionOn', true],
  ])('follows SITREP_INTROSPECTION: %s', async (_label, which, allowed) => {
    for (const query of [INTROSPECTION, TYPE_INTROSPECTION]) {
      const res = await postGraphQL(servers[which], { query });
      const body = res.json();
      if (allowed) {
        expect(res.status).toBe(200);
        expect(body.errors).toBeUndefined();
      } else {
        expect(res.status).toBe(400);
        expect(body.data).toBeUndefined();
        expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(body.errors?.[0].message).toMatch(/introspection is not allowed/i);
      }
    }
    // __typename is not introspection of the schema and always answers.
    expect((await postGraphQL(servers[which], { query: '{ __typename }' })).json().data).toEqual({
      __typename: 'Query',
    });
  });
});
