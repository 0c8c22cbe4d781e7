import type { Browser, HTTPRequest, Page, PDFOptions } from 'puppeteer-core';

/**
 * A browser tab that prints HTML documents to PDF. The document is served to the tab by request interception at
 * a made-up https address, so nothing is ever fetched: every other request (http, https, file, ws, …) is
 * aborted, only data: URLs (the embedded fonts) are let through, and JavaScript never runs. Tabs are reused
 * between renders (opening one costs about as much as printing a page), one document at a time.
 */
export type PaperSize = 'A4' | 'LETTER';

export interface PrintOptions {
  paper: PaperSize;
  /** Chromium footer template (pageNumber / totalPages spans); the document's own fonts do not apply there. */
  footerTemplate: string;
  timeoutMs: number;
}

/** Where the document "lives": `.invalid` can never resolve, so even a leak would go nowhere. */
export const DOCUMENT_URL = 'https://sitrep.invalid/briefing.html';

const PAPER: Record<PaperSize, PDFOptions['format']> = { A4: 'a4', LETTER: 'letter' };

export interface PrintResult {
  pdf: Buffer;
  /** URLs the page tried to load and was refused, for logs and tests. */
  blocked: string[];
}

export class PrintTab {
  private html = '';
  private blocked: string[] = [];

  private constructor(readonly page: Page) {}

  static async open(browser: Browser): Promise<PrintTab> {
    const page = await browser.newPage();
    const tab = new PrintTab(page);
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request: HTTPRequest) => {
        void tab.answer(request);
      });
      return tab;
    } catch (error) {
      await page.close().catch(() => undefined);
      throw error;
    }
  }

  async print(html: string, options: PrintOptions): Promise<PrintResult> {
    this.html = html;
    this.blocked = [];
    try {
      await this.page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout: options.timeoutMs });
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
        timeout: options.timeoutMs,
      });
      return { pdf: Buffer.from(pdf), blocked: this.blocked };
    } finally {
      // The document is not kept in memory between renders.
      this.html = '';
    }
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
      if (url === DOCUMENT_URL && request.isNavigationRequest() && request.frame()?.parentFrame() === null && this.html !== '') {
        await request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: this.html });
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
