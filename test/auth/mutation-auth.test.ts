import {
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { getSchema } from '../../src/graphql/schema';
import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

const SCALAR_SAMPLES: Record<string, unknown> = {
  String: 'x',
  ID: 'x',
  Int: 1,
  Float: 1,
  Boolean: true,
  Date: '2025-11-15',
  PartialDate: '2025-11-15',
  DateTime: '2025-11-15T10:00:00Z',
};

/** A value of the right type for any input type, so a call gets past variable coercion to the authorisation check. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isScalarType(type)) {
    if (!(type.name in SCALAR_SAMPLES)) throw new Error(`add a sample for scalar ${type.name}`);
    return SCALAR_SAMPLES[type.name];
  }
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sample(f.type)]),
    );
  }
  throw new Error('unexpected input type');
}

function mutationCalls(schema: GraphQLSchema): { name: string; query: string; variables: Record<string, unknown> }[] {
  return Object.values(schema.getMutationType()!.getFields()).map((field) => {
    const args = field.args;
    const defs = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = field.type.toString().replace(/[[\]!]/g, '') in SCALAR_SAMPLES ? '' : ' { __typename }';
    return {
      name: field.name,
      query: `mutation Call${defs ? `(${defs})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`,
      variables: Object.fromEntries(args.map((a) => [a.name, sample(a.type)])),
    };
  });
}

describeEachDatabase('authorisation of mutations', (kind) => {
  let server: TestServer;
  let calls: ReturnType<typeof mutationCalls>;
  beforeAll(async () => {
    server = await startTestServer(kind);
    calls = mutationCalls(await getSchema());
  });
  afterAll(() => server?.stop());

  const snapshot = async (): Promise<unknown> =>
    (
      await server.gql(
        '{ events(first: 100) { totalCount edges { node { id updatedAt } } } fronts { slug statusHistory { id revision } openIssues { id } context { id } } regions { slug name } leaders { slug name } actors { slug name } }',
      )
    ).data;

  it('covers every mutation in the schema', () => {
    expect(calls.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'createEvent',
        'updateEvent',
        'deleteEvent',
        'importEvents',
        'upsertRegion',
        'upsertLeader',
        'upsertActor',
        'upsertFront',
        'setFrontStatus',
        'openFrontIssue',
        'resolveFrontIssue',
        'addFrontContext',
        'retireFrontContext',
      ]),
    );
  });

  it('refuses every mutation without a key (UNAUTHENTICATED, 401) and changes nothing', async () => {
    const before = await snapshot();
    for (const call of calls) {
      const res = await server.gql(call.query, call.variables);
      expect({ mutation: call.name, ...firstError(res), status: res.status }).toMatchObject({
        mutation: call.name,
        code: 'UNAUTHENTICATED',
        status: 401,
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses every mutation with a reader key (FORBIDDEN, 403) and changes nothing', async () => {
    const before = await snapshot();
    for (const call of calls) {
      const res = await server.gql(call.query, call.variables, server.readerKey);
      expect({ mutation: call.name, ...firstError(res), status: res.status }).toMatchObject({
        mutation: call.name,
        code: 'FORBIDDEN',
        status: 403,
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets an editor key through the authorisation check', async () => {
    for (const call of calls) {
      const res = await server.gql(call.query, call.variables, server.editorKey);
      expect({ mutation: call.name, code: firstError(res).code }).not.toMatchObject({
        code: expect.stringMatching(/UNAUTHENTICATED|FORBIDDEN/) as unknown,
      });
    }
  });

  it('refuses an unknown or revoked key, even for reads', async () => {
    const unknown = await server.gql('{ fronts { slug } }', {}, 'sitrep_not-a-real-key');
    expect({ ...firstError(unknown), status: unknown.status }).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    const { key, secret } = await server.services.keys.create('short-lived', 'editor');
    expect((await server.gql('{ fronts { slug } }', {}, secret)).errors).toBeUndefined();
    await server.services.keys.revoke(key.id);
    expect(firstError(await server.gql('{ fronts { slug } }', {}, secret)).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed Authorization header (401) instead of serving the request as anonymous', async () => {
    for (const authorization of [
      'Bearer ',
      'Bearer',
      'Basic dXNlcjpwYXNz',
      `Token ${server.readerKey}`,
      `Bearer ${server.readerKey} extra`,
    ]) {
      const graphql = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ fronts { slug } }' }),
      });
      const body = (await graphql.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      expect({
        authorization,
        status: graphql.status,
        code: body.errors?.[0]?.extensions?.code,
        data: body.data ?? null,
      }).toEqual({ authorization, status: 401, code: 'UNAUTHENTICATED', data: null });
      const download = await fetch(`${server.url}/briefings/2025-11-15.txt`, { headers: { authorization } });
      expect({ authorization, status: download.status, challenge: download.headers.get('www-authenticate') }).toEqual({
        authorization,
        status: 401,
        challenge: 'Bearer',
      });
      expect(await download.text()).toContain('Bearer <key>');
    }
    // No header at all is still an anonymous reader.
    expect((await server.gql('{ fronts { slug } }', {}, null)).errors).toBeUndefined();
  });

  it('stores keys only as hashes', async () => {
    const { secret } = await server.services.keys.create('hash-check', 'reader');
    const rows: Record<string, unknown>[] = await server.services.db.dataSource.query('SELECT * FROM api_keys');
    expect(JSON.stringify(rows)).not.toContain(secret);
  });
});

describe('SITREP_READ_KEYS_REQUIRED=true', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { SITREP_READ_KEYS_REQUIRED: 'true' });
  });
  afterAll(() => server?.stop());

  it('refuses reads without a key and serves them with a reader key', async () => {
    const anonymous = await server.gql('{ fronts { slug } }');
    expect({ ...firstError(anonymous), status: anonymous.status }).toMatchObject({
      code: 'UNAUTHENTICATED',
      status: 401,
    });
    const reader = await server.gql<{ fronts: unknown[] }>('{ fronts { slug } }', {}, server.readerKey);
    expect(reader.data!.fronts.length).toBeGreaterThan(0);
  });
});
