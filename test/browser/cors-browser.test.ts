import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { eventInput } from '../api/fixtures';
import { startTestServer, TestServer } from '../support/test-server';
import { launchChromium, PageFile, PageServer, servePage } from './support';

/**
 * CORS as a browser enforces it: pages served from other local origins call Sitrep with fetch. The allowed one
 * POSTs JSON with an API key, GETs a query with apollo-require-preflight, downloads a briefing and reads its ETag
 * and file name, and revalidates it with If-None-Match; the other is blocked by the browser. Both pages also open a
 * subscription with graphql-ws's browser build, which browsers send with no CORS at all: Sitrep checks the origin.
 */

/** The pages' own subscription code: graphql-ws's UMD build, the received events written into the page. */
const LIVE_PAGE = `
<p id="live">idle</p><ol id="events"></ol>
<script src="/graphql-ws.min.js"></script>
<script>
  function startLive(api) {
    const status = document.getElementById('live');
    const settle = (text) => {
      status.textContent = text;
      status.dataset.settled = 'true';
    };
    const client = graphqlWs.createClient({
      url: api.replace('http:', 'ws:') + '/graphql',
      retryAttempts: 0,
      on: { connected: () => settle('connected') },
    });
    client.subscribe(
      { query: 'subscription { eventChanged { eventId action event { title } } }' },
      {
        next: (result) => {
          const item = document.createElement('li');
          item.textContent = JSON.stringify(result);
          document.getElementById('events').append(item);
        },
        error: (error) => {
          // A refused handshake comes as the socket's error event; a close after the upgrade as its CloseEvent.
          const reason =
            error instanceof CloseEvent ? 'closed ' + error.code : error instanceof Event ? error.type : String(error);
          settle('failed: ' + reason);
        },
        complete: () => settle('completed'),
      },
    );
  }
</script>`;

const GRAPHQL_WS_UMD: PageFile = {
  contentType: 'text/javascript; charset=utf-8',
  body: fs.readFileSync(
    path.join(path.dirname(require.resolve('graphql-ws/package.json')), 'umd', 'graphql-ws.min.js'),
  ),
};

const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';

interface Calls {
  post?: unknown;
  get?: unknown;
  download?: { status: number; etag: string | null; disposition: string | null; bytes: number };
  revalidated?: number;
  error?: string;
}

describe('CORS in Chromium', () => {
  let browser: Browser;
  let allowedPage: PageServer;
  let otherPage: PageServer;
  let server: TestServer;

  beforeAll(async () => {
    const files = { '/graphql-ws.min.js': GRAPHQL_WS_UMD };
    allowedPage = await servePage(`<!doctype html><title>frontend</title><p>frontend</p>${LIVE_PAGE}`, files);
    otherPage = await servePage(`<!doctype html><title>elsewhere</title><p>elsewhere</p>${LIVE_PAGE}`, files);
    server = await startTestServer('sqlite', { SITREP_CORS_ORIGINS: allowedPage.origin });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await allowedPage?.close();
    await otherPage?.close();
  });

  /** Runs the calls in a page of `origin`; every fetch is the page's own, under the browser's CORS rules. */
  async function callFrom(origin: string): Promise<Calls> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      return await page.evaluate(
        async ({ api, key }): Promise<Calls> => {
          const calls: Calls = {};
          try {
            const post = await fetch(`${api}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
              body: JSON.stringify({ query: '{ fronts { slug } }' }),
            });
            calls.post = await post.json();
            const get = await fetch(`${api}/graphql?query=${encodeURIComponent('{ actors { slug } }')}`, {
              headers: { 'apollo-require-preflight': 'true' },
            });
            calls.get = await get.json();
            const download = await fetch(`${api}/briefings/2025-11-15.txt?download`, { cache: 'no-store' });
            const etag = download.headers.get('etag');
            calls.download = {
              status: download.status,
              etag,
              disposition: download.headers.get('content-disposition'),
              bytes: (await download.arrayBuffer()).byteLength,
            };
            const again = await fetch(`${api}/briefings/2025-11-15.txt?download`, {
              cache: 'no-store',
              headers: { 'if-none-match': etag ?? '' },
            });
            calls.revalidated = again.status;
          } catch (error) {
            calls.error = `${(error as Error).name}: ${(error as Error).message}`;
          }
          return calls;
        },
        { api: server.url, key: server.readerKey },
      );
    } finally {
      await page.close();
    }
  }

  it('lets a page of an allowed origin call the API, download a briefing and read its ETag', async () => {
    const calls = await callFrom(allowedPage.origin);
    expect(calls.error).toBeUndefined();
    const post = calls.post as { data?: { fronts: { slug: string }[] } };
    expect(post.data?.fronts.map((f) => f.slug)).toContain('gaza');
    const get = calls.get as { data?: { actors: { slug: string }[] } };
    expect(get.data?.actors.length).toBeGreaterThan(0);
    expect(calls.download?.status).toBe(200);
    expect(calls.download?.etag).toMatch(/^(W\/)?"/);
    expect(calls.download?.disposition).toMatch(/^attachment; filename="sitrep-briefing-2025-11-15\.txt"$/);
    expect(calls.download?.bytes).toBeGreaterThan(100);
    expect(calls.revalidated).toBe(304);
  });

  it('blocks a page of another origin', async () => {
    const calls = await callFrom(otherPage.origin);
    expect(calls.post).toBeUndefined();
    expect(calls.error).toMatch(/^TypeError: Failed to fetch/);
  });

  /** Opens the page of `origin` and starts its subscription; the page's console is collected. */
  async function subscribeFrom(origin: string): Promise<{ page: Page; console: string[] }> {
    const page = await browser.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    await page.goto(`${origin}/`);
    await page.evaluate(
      (api) => (globalThis as unknown as { startLive(api: string): void }).startLive(api),
      server.url,
    );
    return { page, console };
  }

  it('lets a page of an allowed origin subscribe, and shows it the event an editor creates', async () => {
    const { page } = await subscribeFrom(allowedPage.origin);
    try {
      await page.waitForSelector('#live[data-settled]');
      expect(await page.textContent('#live')).toBe('connected');
      // The subscribe message follows the connection's acknowledgement; its start on the server is asynchronous.
      await page.waitForTimeout(200);
      const created = await server.gql<{ createEvent: { id: string } }>(
        CREATE,
        { input: eventInput({ title: 'Seen in the browser' }) },
        server.editorKey,
      );
      expect(created.errors).toBeUndefined();
      await page.waitForSelector('#events li');
      const received = await page.locator('#events li').allTextContents();
      expect(received.map((text) => JSON.parse(text) as unknown)).toEqual([
        {
          data: {
            eventChanged: {
              eventId: created.data!.createEvent.id,
              action: 'CREATED',
              event: { title: 'Seen in the browser' },
            },
          },
        },
      ]);
    } finally {
      await page.close();
    }
  });

  it('refuses the subscription of a page of another origin', async () => {
    const { page, console } = await subscribeFrom(otherPage.origin);
    try {
      await page.waitForSelector('#live[data-settled]');
      // The page learns only that the socket failed; the browser's console says why.
      expect(await page.textContent('#live')).toBe('failed: error');
      expect(console.join('\n')).toMatch(/Unexpected response code: 403/);
    } finally {
      await page.close();
    }
  });
});
