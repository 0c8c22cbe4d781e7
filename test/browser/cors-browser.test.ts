import type { Browser } from 'playwright-core';
import { startTestServer, TestServer } from '../support/test-server';
import { launchChromium, PageServer, servePage } from './support';

/**
 * CORS as a browser enforces it: pages served from other local origins call Sitrep with fetch. The allowed one
 * POSTs JSON with an API key, GETs a query with apollo-require-preflight, downloads a briefing and reads its ETag
 * and file name, and revalidates it with If-None-Match; the other is blocked by the browser.
 */

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
    allowedPage = await servePage('<!doctype html><title>frontend</title><p>frontend</p>');
    otherPage = await servePage('<!doctype html><title>elsewhere</title><p>elsewhere</p>');
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
});
