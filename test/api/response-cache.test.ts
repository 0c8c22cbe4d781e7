import http from 'node:http';
import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

/*
 * A query asked again before the data changes is answered from the bytes kept for it, without running it: the
 * same bytes and content type, no statement but the revision read. What it must never do: answer with data older
 * than the last write, hand one caller what another may not see, skip the render budget, or keep what changes
 * without a data revision (editions).
 */

const FEED =
  '{ events(first: 3, filter: { fronts: ["gaza"] }) { edges { node { id title fronts { slug } leaders { slug } sources { title } } } } }';
const UPDATE = 'mutation ($id: ID!, $input: EventUpdateInput!) { updateEvent(id: $id, input: $input) { id } }';
const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const RENDER = '{ briefing(date: "2025-11-15") { render(format: TEXT) { downloadUrl } } }';

interface Raw {
  status: number;
  type: string | undefined;
  body: string;
}

/** POSTs a body over node:http (which, unlike fetch, lets the test choose the Host header). */
function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: response.headers['content-type'],
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describeEachDatabase('answers kept for repeated queries', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const url = (): string => `${server.url}/graphql`;
  const body = (query: string, variables: Record<string, unknown> = {}): string => JSON.stringify({ query, variables });
  const statementsFor = async (send: () => Promise<Raw>): Promise<{ raw: Raw; statements: number }> => {
    const before = server.services.db.statementCount;
    const raw = await send();
    return { raw, statements: server.services.db.statementCount - before };
  };

  it('answers a repeated query with the same bytes without running it, and afresh after a write', async () => {
    const ask = (): Promise<Raw> => post(url(), body(FEED));
    const first = await statementsFor(ask);
    // Kept from the second asking on (a one-off query takes no room), answered from it at the third.
    expect((await ask()).body).toBe(first.raw.body);
    const again = await statementsFor(ask);
    expect(again.raw).toEqual(first.raw);
    // Only the data revision is read, to know the kept answer is current (on PostgreSQL the live updates read it
    // too, now and then).
    expect(again.statements).toBeLessThan(first.statements);
    expect(again.statements).toBeLessThanOrEqual(2);

    const shown = JSON.parse(first.raw.body) as { data: { events: { edges: { node: { id: string } }[] } } };
    const id = shown.data.events.edges[0].node.id;
    const res = await server.gql(
      UPDATE,
      { id, input: { title: 'Retitled after the answer was kept' } },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    const after = await ask();
    expect(after.body).toContain('Retitled after the answer was kept');
    expect(await ask()).toEqual(after);
  });

  it('keeps one answer per content type asked for', async () => {
    const graphqlJson = { accept: 'application/graphql-response+json' };
    const plain = { accept: 'application/json' };
    const a = await post(url(), body(FEED), graphqlJson);
    const b = await post(url(), body(FEED), plain);
    expect(a.type).toContain('application/graphql-response+json');
    expect(b.type).toContain('application/json');
    expect(await post(url(), body(FEED), graphqlJson)).toEqual(a);
    expect(await post(url(), body(FEED), plain)).toEqual(b);
  });

  it('builds links from the host each request named', async () => {
    const port = new URL(server.url).port;
    const viaIp = await post(url(), body(RENDER), { host: `127.0.0.1:${port}` });
    const viaName = await post(url(), body(RENDER), { host: `localhost:${port}` });
    expect(viaIp.body).toContain(`http://127.0.0.1:${port}/briefings/`);
    expect(viaName.body).toContain(`http://localhost:${port}/briefings/`);
    expect((await post(url(), body(RENDER), { host: `127.0.0.1:${port}` })).body).toBe(viaIp.body);
  });

  it('never hands an anonymous caller what an editor was answered, nor a revoked reader a kept answer', async () => {
    const created = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      { input: eventInput({ title: 'Kept for editors only' }) },
      server.editorKey,
    );
    const id = created.data!.createEvent.id;
    const revisions = `{ event(id: "${id}") { revisions { revision } } }`;
    const editor = await server.gql(revisions, {}, server.editorKey);
    expect(editor.errors).toBeUndefined();
    const anonymous = await server.gql(revisions);
    expect(firstError(anonymous).code).toBe('UNAUTHENTICATED');

    const { key, secret: reader } = await server.services.keys.create('short-lived reader', 'reader');
    const asReader = (): Promise<Raw> => post(url(), body(FEED), { authorization: `Bearer ${reader}` });
    const kept = await asReader();
    expect(kept.status).toBe(200);
    expect(await asReader()).toEqual(kept);
    expect(await asReader()).toEqual(kept);
    await server.services.keys.revoke(key.id);
    const refused = await asReader();
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('UNAUTHENTICATED');
  });

  it('answers editions afresh: publishing changes no data revision', async () => {
    const EDITIONS = '{ editions(date: "2025-11-15") { totalCount } }';
    const count = async (): Promise<number> =>
      (JSON.parse((await post(url(), body(EDITIONS))).body) as { data: { editions: { totalCount: number } } }).data
        .editions.totalCount;
    const before = await count();
    expect(await count()).toBe(before);
    expect(await count()).toBe(before);
    const published = await server.gql('mutation { publishEdition(date: "2025-11-15") { id } }', {}, server.editorKey);
    expect(published.errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
  });
});

describeEachDatabase('kept answers and the render budget', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { SITREP_RATE_LIMIT_RENDERS: '3' });
  });
  afterAll(() => server?.stop());

  it('charges a kept answer the renders it selects, and refuses it past the budget', async () => {
    const ask = (): Promise<Raw> => post(`${server.url}/graphql`, JSON.stringify({ query: RENDER }));
    const first = await ask();
    expect(first.status).toBe(200);
    expect(await ask()).toEqual(first);
    // The third is answered from the kept bytes, and takes the last render of the budget.
    expect(await ask()).toEqual(first);
    const fourth = await ask();
    expect(fourth.status).toBe(429);
    expect(fourth.body).toContain('RATE_LIMITED');
  });
});
