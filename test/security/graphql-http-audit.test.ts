import { AuditResult, serverAudits } from 'graphql-http';
import { startTestServer, TestServer } from '../support/test-server';

/**
 * The GraphQL-over-HTTP audit suite of `graphql-http` against the started server: no audit may fail with `error`
 * (a MUST of the spec), and the warnings (SHOULD) and notices (MAY) that are left are pinned here by audit id with
 * the reason each is accepted. A new one, or a pinned one that starts passing, fails the test so the list stays true.
 */

const ACCEPTED_WARNINGS: Record<string, string> = {
  // The spec's legacy rule for `application/json` responses is 200 even when the request fails before execution;
  // Apollo Server answers every request error (parse, validation, variable coercion) with 400, whatever the Accept
  // header. Sitrep relies on that: its query limits (tokens, depth, aliases, directives, cost) must answer 400, and a
  // client that sends no Accept header (curl) gets application/json, so a 200 would hide those failures.
  '572B': 'parse failure answers 400, not 200, with application/json (Apollo; the token limit must be a 400)',
  FDE2: 'validation failure answers 400, not 200, with application/json (Apollo; depth/alias/directive limits are 400s)',
  '7B9B':
    'variable coercion failure answers 400, not 200, with application/json (Apollo; bad input is a 400 everywhere)',
};

const ACCEPTED_NOTICES: Record<string, string> = {
  // GET requests must carry a header that forces a CORS preflight (Apollo's CSRF prevention, which stays on); the
  // audits send GETs without one, so these optional (MAY) behaviours are refused with 400.
  '5A70': 'GET without apollo-require-preflight is refused by CSRF prevention',
  D6D5: 'GET without apollo-require-preflight is refused by CSRF prevention',
  '6A70': 'GET without apollo-require-preflight is refused by CSRF prevention',
};

let server: TestServer;
let results: AuditResult[];

beforeAll(async () => {
  server = await startTestServer('sqlite');
  results = [];
  for (const audit of serverAudits({ url: `${server.url}/graphql` })) results.push(await audit.fn());
});
afterAll(() => server?.stop());

const describeResult = (r: AuditResult): string => `${r.id} ${r.name}${r.status === 'ok' ? '' : `: ${r.reason}`}`;

it('runs the whole suite', () => {
  expect(results.length).toBeGreaterThan(50);
});

it('fails no audit with an error (every MUST of the spec holds)', () => {
  expect(results.filter((r) => r.status === 'error').map(describeResult)).toEqual([]);
});

it('leaves exactly the pinned warnings', () => {
  const warnings = results
    .filter((r) => r.status === 'warn')
    .map((r) => r.id)
    .sort();
  expect(warnings).toEqual(Object.keys(ACCEPTED_WARNINGS).sort());
});

it('leaves exactly the pinned notices', () => {
  const notices = results
    .filter((r) => r.status === 'notice')
    .map((r) => r.id)
    .sort();
  expect(notices).toEqual(Object.keys(ACCEPTED_NOTICES).sort());
});

it('negotiates application/graphql-response+json', async () => {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
});
