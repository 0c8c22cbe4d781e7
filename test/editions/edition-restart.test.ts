import { openRuntime } from '../../src/app/runtime';
import { serve } from '../../src/app/serve';
import { loadConfig } from '../../src/config/config';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../support/databases';

/** One server process's life on a database that outlives it. */
async function withServer<T>(url: string, work: (base: string, editorKey: string) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: url }),
  );
  const server = await serve(runtime, { seedIfEmpty: true });
  try {
    const key = (await runtime.services.keys.create(`editor ${Date.now()}`, 'editor')).secret;
    return await work(server.url, key);
  } finally {
    await server.stop();
  }
}

describeEachDatabase('an edition across a restart', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.drop());

  it('is the same bytes from a new process, after the data changed', async () => {
    const published = await withServer(database.url, async (base, key) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query: 'mutation { publishEdition(date: "2025-11-15", fronts: ["gaza"]) { id formats { format sha256 } } }',
        }),
      });
      const body = (await res.json()) as {
        data: { publishEdition: { id: string; formats: { format: string; sha256: string }[] } };
      };
      const md = await fetch(`${base}/editions/${body.data.publishEdition.id}.md`);
      return { ...body.data.publishEdition, md: await md.text() };
    });
    expect(published.md).toContain('Gaza');

    await withServer(database.url, async (base, key) => {
      // A later edit, then the same edition read by a process that never rendered it.
      const events = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: '{ events(first: 1, filter: { fronts: ["gaza"] }) { edges { node { id } } } }' }),
      });
      const id = ((await events.json()) as { data: { events: { edges: { node: { id: string } }[] } } }).data.events
        .edges[0].node.id;
      const updated = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query: 'mutation ($id: ID!) { updateEvent(id: $id, input: { title: "Retitled after a restart" }) { id } }',
          variables: { id },
        }),
      });
      expect(((await updated.json()) as { errors?: unknown }).errors).toBeUndefined();
      const md = await fetch(`${base}/editions/${published.id}.md`);
      expect(md.headers.get('etag')).toBe(`"${published.formats.find((f) => f.format === 'MARKDOWN')!.sha256}"`);
      expect(await md.text()).toBe(published.md);
    });
  });
});
