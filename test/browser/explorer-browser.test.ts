import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config/config';
import { raw } from '../security/support';
import { startTestServer, TestServer } from '../support/test-server';
import { launchChromium } from './support';

/**
 * The explorer at /graphql works offline: with the page's network limited to 127.0.0.1 (every other request
 * aborted, and recorded), GraphiQL loads from Sitrep's own files under its strict Content-Security-Policy, offers the
 * example operations as tabs, runs a query and shows the result, and opens subscriptions over the WebSocket at
 * /graphql. With introspection off there is no explorer.
 */

/** What the in-page callbacks use of the page (the tests compile without the DOM's types). */
interface CodeMirrorHost {
  CodeMirror?: { getValue(): string; setValue(value: string): void };
}
interface PageGlobals {
  document: { querySelector(selector: string): CodeMirrorHost | null };
}

/** The text of a GraphiQL CodeMirror editor (CodeMirror 5 hangs its instance on its wrapper element). */
const editorText = (page: Page, selector: string): Promise<string> =>
  page.evaluate((sel) => {
    const wrapper = (globalThis as unknown as PageGlobals).document.querySelector(sel);
    return wrapper?.CodeMirror?.getValue() ?? '';
  }, selector);

const QUERY_EDITOR = '.graphiql-query-editor .CodeMirror';
const RESPONSE = '.graphiql-response .CodeMirror';

describe('the explorer in Chromium, offline', () => {
  let browser: Browser;
  let server: TestServer;
  let page: Page;
  const offSite: string[] = [];
  const problems: string[] = [];
  const sockets: string[] = [];

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    browser = await launchChromium();
    const context = await browser.newContext();
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      offSite.push(url.href);
      return route.abort('internetdisconnected');
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('websocket', (socket) => sockets.push(socket.url()));
    // GraphiQL runs nothing before it has the schema: wait for its introspection.
    const schemaLoaded = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url() === `${server.url}/graphql`,
      { timeout: 30_000 },
    );
    await page.goto(`${server.url}/graphql`);
    await page.waitForSelector(QUERY_EDITOR, { timeout: 30_000 });
    await schemaLoaded;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loads from Sitrep alone, with no blocked request and no CSP violation', async () => {
    const response = await raw(server, '/graphql', { headers: { accept: 'text/html' } });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(response.text).not.toMatch(/cdn|https?:\/\/(?!127\.0\.0\.1)/i);
    expect(offSite).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('leaves GraphQL to API clients: a GET with a query, or without Accept: text/html, is GraphQL', async () => {
    const withQuery = await raw(server, `/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'text/html, application/json;q=0.9', 'apollo-require-preflight': 'true' },
    });
    expect(withQuery.json().data).toEqual({ __typename: 'Query' });
    const api = await raw(server, '/graphql', { headers: { accept: 'application/json' } });
    expect(api.headers.get('content-type')).toMatch(/json/);
  });

  it('offers each file of schema/operations as a saved tab', async () => {
    const files = fs.readdirSync(path.join(PROJECT_ROOT, 'schema', 'operations')).filter((f) => f.endsWith('.graphql'));
    expect(await page.locator('.graphiql-tab').count()).toBe(files.length);
    const first = fs.readFileSync(path.join(PROJECT_ROOT, 'schema', 'operations', files.sort()[0]), 'utf8');
    expect(await editorText(page, QUERY_EDITOR)).toBe(first);
  });

  it('runs a query and shows its result on the page', async () => {
    await page.evaluate((sel) => {
      const wrapper = (globalThis as unknown as PageGlobals).document.querySelector(sel);
      wrapper?.CodeMirror?.setValue('query FrontNames { fronts { slug name } }');
    }, QUERY_EDITOR);
    // GraphiQL takes an edit in after a debounce; the tab's title shows the operation once it has.
    await page.locator('.graphiql-tab-active').filter({ hasText: 'FrontNames' }).waitFor({ timeout: 10_000 });
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(
      (sel) => {
        const wrapper = (globalThis as unknown as PageGlobals).document.querySelector(sel);
        return (wrapper?.CodeMirror?.getValue() ?? '').includes('"fronts"');
      },
      RESPONSE,
      { timeout: 30_000 },
    );
    const result = JSON.parse(await editorText(page, RESPONSE)) as { data: { fronts: { slug: string }[] } };
    expect(result.data.fronts.map((f) => f.slug)).toContain('gaza');
    // The result is on the page as text too, not only in the editor's model.
    expect(await page.locator('.graphiql-response').innerText()).toContain('gaza');
    expect(offSite).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('sends a subscription over the WebSocket at /graphql', async () => {
    await page.evaluate((sel) => {
      const wrapper = (globalThis as unknown as PageGlobals).document.querySelector(sel);
      wrapper?.CodeMirror?.setValue('subscription Changes { eventChanged { __typename } }');
    }, QUERY_EDITOR);
    await page.locator('.graphiql-tab-active').filter({ hasText: 'Changes' }).waitFor({ timeout: 10_000 });
    await page.click('.graphiql-execute-button');
    for (let i = 0; i < 100 && sockets.length === 0; i += 1) await page.waitForTimeout(100);
    expect(sockets).toEqual([`${server.url.replace(/^http/, 'ws')}/graphql`]);
  });
});

describe('the explorer with introspection off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { SITREP_INTROSPECTION: 'false' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('is not served: a browser gets GraphQL’s answer, and the files are not there', async () => {
    const page = await raw(server, '/graphql', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(page.text).not.toMatch(/GraphiQL|Apollo Sandbox/);
    expect((await raw(server, '/graphql-explorer/graphiql.min.js')).status).toBe(404);
  });
});
