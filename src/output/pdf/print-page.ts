import type { Browser, CDPSession, HTTPRequest, Page, PDFOptions } from 'puppeteer-core';
import { embeddedFonts, FONT_URL_PREFIX } from './pdf-fonts';

// A browser tab that prints HTML documents to PDF. The tab is opened once on a made-up https address, answered
// by request interception, and each document then replaces the previous one in place (CDP
// `Page.setDocumentContent`): no navigation per render, and the fonts, served by the tab itself at
// FONT_URL_PREFIX, stay decoded in Chromium's memory cache from one document to the next. Nothing is ever
// fetched: every other request (http, https, file, ws, …) is aborted, only data: URLs are let through, and
// JavaScript never runs. Tabs are reused between renders (opening one costs about as much as printing a page),
// one document at a time.

export type PaperSize = 'A4' | 'LETTER';

export interface PrintOptions {
  paper: PaperSize;
  /** Chromium footer template (pageNumber / totalPages spans); the document's own fonts do not apply there. */
  footerTemplate: string;
  timeoutMs: number;
}

/** Where the document "lives": `.invalid` can never resolve, so even a leak would go nowhere. */
export const DOCUMENT_URL = 'https://sitrep.invalid/briefing.html';

/** What the tab shows before its first document; the title is a placeholder that each document replaces. */
const EMPTY_DOCUMENT =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sitrep</title></head><body></body></html>';

// The fonts never change while the process runs; the document must never come from a cache.
const FONT_HEADERS = { 'cache-control': 'public, max-age=31536000, immutable' };
const DOCUMENT_HEADERS = { 'cache-control': 'no-store' };

const PAPER: Record<PaperSize, PDFOptions['format']> = { A4: 'a4', LETTER: 'letter' };

export interface PrintResult {
  pdf: Buffer;
  /** URLs the page tried to load and was refused, for logs and tests. */
  blocked: string[];
}

export class PrintTab {
  private blocked: string[] = [];
  private frameId = '';

  private constructor(
    readonly page: Page,
    private readonly session: CDPSession,
  ) {}

  static async open(browser: Browser): Promise<PrintTab> {
    const page = await browser.newPage();
    try {
      const tab = new PrintTab(page, await page.createCDPSession());
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      // Chromium may keep what the tab answered in its cache: only the fonts say they are cacheable.
      await page.setCacheEnabled(true);
      page.on('request', (request: HTTPRequest) => {
        void tab.answer(request);
      });
      await tab.session.send('Page.enable');
      await tab.home(30_000);
      return tab;
    } catch (error) {
      await page.close().catch(() => undefined);
      throw error;
    }
  }

  /** Replaces the tab's document with `html` and waits for its load event (fonts and data: images included). */
  async load(html: string, timeoutMs: number): Promise<void> {
    // Something in the previous document navigated the tab away: go back to the known address first.
    if (this.page.url() !== DOCUMENT_URL) await this.home(timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    let onLoad: (() => void) | undefined;
    const loaded = new Promise<void>((resolve, reject) => {
      onLoad = resolve;
      this.session.once('Page.loadEventFired', onLoad);
      timer = setTimeout(() => reject(new Error(`the document did not load within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await this.session.send('Page.setDocumentContent', { frameId: this.frameId, html });
      await loaded;
    } finally {
      clearTimeout(timer);
      if (onLoad !== undefined) this.session.off('Page.loadEventFired', onLoad);
    }
  }

  async print(html: string, options: PrintOptions): Promise<PrintResult> {
    this.blocked = [];
    const deadline = Date.now() + options.timeoutMs;
    await this.load(html, options.timeoutMs);
    const pdf = await this.page.pdf({
      format: PAPER[options.paper],
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: options.footerTemplate,
      margin: { top: '16mm', bottom: '20mm', left: '16mm', right: '16mm' },
      // Tagged PDF with a document outline: the headings become bookmarks, and the text keeps its reading order.
      tagged: true,
      outline: true,
      waitForFonts: true,
      timeout: Math.max(1, deadline - Date.now()),
    });
    return { pdf: Buffer.from(pdf), blocked: this.blocked };
  }

  private async home(timeoutMs: number): Promise<void> {
    await this.page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout: timeoutMs });
    const { frameTree } = await this.session.send('Page.getFrameTree');
    this.frameId = frameTree.frame.id;
  }

  get usable(): boolean {
    return !this.page.isClosed() && this.page.browser().connected;
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }

  private async answer(request: HTTPRequest): Promise<void> {
    const url = request.url();
    try {
      if (url === DOCUMENT_URL && request.isNavigationRequest() && request.frame()?.parentFrame() === null) {
        await request.respond({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers: DOCUMENT_HEADERS,
          body: EMPTY_DOCUMENT,
        });
      } else if (url.startsWith(FONT_URL_PREFIX) && embeddedFonts().files.has(url)) {
        await request.respond({
          status: 200,
          contentType: 'font/woff2',
          headers: FONT_HEADERS,
          body: embeddedFonts().files.get(url),
        });
      } else if (url.startsWith('data:')) {
        await request.continue();
      } else if (request.isNavigationRequest()) {
        // A navigation away (meta refresh, a frame): aborting it would replace the document with Chromium's
        // error page, while a 204 No Content tells the browser to stay on the page it has.
        this.blocked.push(url);
        await request.respond({ status: 204, body: '' });
      } else {
        this.blocked.push(url);
        await request.abort('blockedbyclient');
      }
    } catch {
      // The tab may already be closing (timeout); an unanswered request then simply dies with it.
    }
  }
}
