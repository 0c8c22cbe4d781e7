import { isSpecifiedScalarType } from 'graphql';
import { getSchema } from '../../src/graphql/schema';
import { startTestServer, TestServer } from '../support/test-server';
import { postGraphQL } from './support';

/**
 * With introspection off, production errors must not map the schema either: no message names one of its types
 * (`Value "STRIK" does not exist in "EventKind" enum`, `of required type "EventCreateInput!"`), while each keeps
 * its code and the field it is about.
 */

const CREATE = 'mutation($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const requests = (): { query: string; variables?: Record<string, unknown> }[] => [
  { query: CREATE, variables: { input: { kind: 'STRIK' } } },
  {
    query: CREATE,
    variables: {
      input: { date: '2025-11-15', title: 'x', summary: 'x', kind: 'STRIKE', significance: 2, colour: 'red' },
    },
  },
  { query: CREATE },
  {
    query: CREATE,
    variables: { input: { date: '2025-11-15', title: 'x', summary: 'x', kind: 5, significance: 'high' } },
  },
  {
    query: 'query($f: EventFilterInput) { events(first: 5, filter: $f) { totalCount } }',
    variables: { f: { kinds: ['NUKE'], minSignificance: 'x' } },
  },
  { query: '{ events(first: 5, filter: { kinds: [NUKE] }) { totalCount } }' },
  { query: '{ events(first: 5) { nope } }' },
  { query: 'query($d: Date!) { briefing(date: $d) { title } }', variables: { d: 12 } },
  { query: 'query($x: String!) { briefing(date: $x) { title } }', variables: { x: '2025-11-15' } },
  // The later inputs: an assessment's enum and input object, a front record's enum and partial date, an edition.
  {
    query: 'mutation($i: AssessmentInput!) { recordAssessment(input: $i) { id } }',
    variables: { i: { date: '2025-11-15', confidence: 'SURE', text: 'x', fronts: ['gaza'], colour: 'red' } },
  },
  { query: 'mutation { recordAssessment(input: { date: 5 }) { id } }' },
  {
    query:
      'mutation($k: FrontStatusKind!, $s: PartialDate!) { setFrontStatus(front: "gaza", kind: $k, text: "x", since: $s) { id } }',
    variables: { k: 'CALM', s: 20250101 },
  },
  { query: 'mutation($c: DateTime) { publishEdition(date: "2025-11-15", cutoff: $c) { id } }', variables: { c: 5 } },
  { query: '{ editions(first: "ten") { totalCount } }' },
];

describe('type names in production errors', () => {
  let production: TestServer;
  let development: TestServer;
  let typeNames: RegExp;
  beforeAll(async () => {
    production = await startTestServer('sqlite', { NODE_ENV: 'production' });
    development = await startTestServer('sqlite', { NODE_ENV: 'development' });
    const schema = await getSchema();
    const names = Object.values(schema.getTypeMap())
      .filter((type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type))
      .map((type) => type.name)
      .join('|');
    // "EventKind", "[EventKind!]!" or the coordinate "EventCreateInput.title".
    typeNames = new RegExp(`"\\[*(?:${names})[!\\]]*"|"(?:${names})\\.`);
  }, 120_000);
  afterAll(async () => {
    await production?.stop();
    await development?.stop();
  });

  const messages = async (server: TestServer): Promise<{ message: string; code?: unknown; field?: unknown }[]> => {
    const all: { message: string; code?: unknown; field?: unknown }[] = [];
    for (const request of requests()) {
      const res = await postGraphQL(server, request, { authorization: `Bearer ${server.editorKey}` });
      const body = res.json();
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors ?? [])
        all.push({ message: error.message, code: error.extensions?.code, field: error.extensions?.field });
    }
    return all;
  };

  it('are named outside production (the control for the test below)', async () => {
    const named = (await messages(development)).filter((m) => typeNames.test(m.message));
    expect(named.length).toBeGreaterThan(3);
  });

  it('are not named in production, and each error keeps its code and field', async () => {
    const all = await messages(production);
    const named = all.filter((m) => typeNames.test(m.message));
    expect(named).toEqual([]);
    for (const m of all) expect(m.code).not.toBe('INTERNAL_SERVER_ERROR');
    const kind = all.find((m) => /"STRIK" does not exist/.test(m.message));
    expect(kind).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
    expect(kind!.message).toMatch(/Value "STRIK" does not exist in "…" enum/);
  });
});
