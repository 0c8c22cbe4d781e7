import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Briefing } from '../../src/briefings/briefing';
import { AppError } from '../../src/errors/app-errors';
import { PdfRenderer, parsePaper } from '../../src/output/pdf';
import { TemplateRegistry } from '../../src/output/templates';
import { briefing20251115 } from '../fixtures/briefing-2025-11-15';
import { pdfFonts, pdfInfo, pdfOutline, pdfText } from './pdf-read';

// The Chromium discovery picks (chromium-discovery.ts) unless SITREP_CHROMIUM_PATH names one.
const CHROMIUM = process.env.SITREP_CHROMIUM_PATH || null;
const ARABIC = 'وقف إطلاق النار';
const HEBREW = 'הפסקת אש';

/** The fixture with a name with diacritics and quotes in Arabic and Hebrew, as real briefings carry. */
function multilingualBriefing(): Briefing {
  const briefing = briefing20251115();
  const gaza = briefing.sections[0];
  const plain = { verification: 'REPORTED', verificationNote: null };
  const speaker = {
    slug: 'recep-tayyip-erdogan',
    name: 'Recep Tayyip Erdoğan',
    type: 'leader' as const,
    role: 'President of Türkiye',
  };
  gaza.quotes.push({ text: ARABIC, speaker, sourceNumbers: [1], eventId: gaza.today[0].id, ...plain });
  gaza.quotes.push({ text: 'لن نسكت', speaker, sourceNumbers: [1], eventId: gaza.today[0].id, ...plain });
  gaza.quotes.push({
    text: HEBREW,
    speaker: { ...speaker, slug: 'x', name: 'Gideon Sa’ar', role: 'Foreign Minister of Israel' },
    sourceNumbers: [1],
    eventId: gaza.today[0].id,
    ...plain,
  });
  return briefing;
}

/** Letters only, so that line breaks, spacing and bidi reordering in extracted text do not matter. */
const letters = (text: string): string => text.normalize('NFKC').replace(/\P{L}/gu, '');

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('PDF engine', () => {
  const renderer = new PdfRenderer({ executablePath: CHROMIUM, concurrency: 2, timeoutMs: 60_000 });
  let a4: Buffer;

  beforeAll(async () => {
    a4 = await renderer.renderBriefing(multilingualBriefing());
  });
  afterAll(() => renderer.close());

  it('prints the title block, takeaways, one section per front and the numbered sources as selectable text', () => {
    const text = pdfText(a4);
    expect(text).toContain('Daily briefing — 15 November 2025');
    expect(text).toContain('Key takeaways');
    for (const front of ['Gaza', 'Iran', 'Syria', 'Lebanon']) expect(text).toMatch(new RegExp(`^\\f?${front}$`, 'm'));
    expect(text).toContain('Ceasefire in force since 10 October 2025 — day 37');
    expect(text).toContain('Sources');
    const sources = briefing20251115().sources;
    const sourcesPage = pdfText(a4, { page: pdfInfo(a4).pages });
    for (const source of sources) expect(sourcesPage.replace(/\s+/g, ' ')).toContain(source.publisher);
    // Each URL stands after its quoted title, never inside the quotes.
    const flat = sourcesPage.replace(/\s+/g, ' ');
    expect(flat).toContain('issues warrants of arrest”, 21 November 2024, https://example.org/icc/');
    expect(flat).not.toMatch(/https:\/\/[^”“]*”/);
  });

  it('has a running footer with the date and "page N of M" on every page', () => {
    const { pages } = pdfInfo(a4);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= pages; page += 1) {
      const text = pdfText(a4, { page });
      expect(text).toContain(`page ${page} of ${pages}`);
      expect(text).toContain('15 November 2025');
    }
  });

  it('prints diacritics, Arabic and Hebrew as text with embedded Noto fonts', () => {
    const text = letters(pdfText(a4));
    expect(text).toContain(letters('Recep Tayyip Erdoğan'));
    // pdftotext orders right-to-left words inside a left-to-right paragraph in its own way, so each word is
    // looked for: its letters are there, in logical order, which they could not be if they were boxes.
    for (const word of `${ARABIC} ${HEBREW}`.split(' ')) expect(text).toContain(letters(word));
    const fonts = pdfFonts(a4).join(' ');
    expect(fonts).toMatch(/NotoSans-Regular/);
    expect(fonts).toMatch(/Amiri/);
    expect(fonts).toMatch(/NotoSansHebrew/);
  });

  it('lets a text search find an Arabic and a Hebrew quote by its exact words', () => {
    const text = pdfText(a4);
    for (const quote of [ARABIC, HEBREW, 'لن نسكت']) expect(text).toContain(quote);
  });

  it('has an outline with one entry per front, and the title and subject as metadata', async () => {
    const outline = await pdfOutline(a4);
    const sections = outline.filter((e) => e.depth === 1).map((e) => e.title);
    expect(sections).toEqual(['Key takeaways', 'Gaza', 'Iran', 'Syria', 'Lebanon', 'Sources']);
    expect(outline[0]).toEqual({ title: 'Daily briefing — 15 November 2025', depth: 0 });
    const info = pdfInfo(a4);
    expect(info.title).toBe('Daily briefing — 15 November 2025');
    expect(info.subject).toBe('Sitrep daily briefing for 2025-11-15 (UTC): Gaza, Iran, Syria, Lebanon');
    expect(info.tagged).toBe(true);
  });

  it('prints A4 by default and Letter on request', async () => {
    expect(pdfInfo(a4).pageSizes[0]).toEqual({ width: 595.92, height: 841.92 });
    const letter = await renderer.renderBriefing(briefing20251115(), { paper: parsePaper('letter') });
    for (const size of pdfInfo(letter).pageSizes) expect(size).toEqual({ width: 612, height: 792 });
    expect(() => parsePaper('A3')).toThrow(/paper: must be A4 or LETTER/);
  });

  describe('with the network and the file system off inside the page', () => {
    const hits: string[] = [];
    let server: http.Server;
    let origin: string;
    let templatesDir: string;

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        hits.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'text/css' }).end('body { color: red }');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      templatesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-templates-'));
      fs.cpSync(path.resolve(__dirname, '..', '..', 'templates'), templatesDir, { recursive: true });
      const layout = path.join(templatesDir, 'pdf', 'briefing.hbs');
      fs.writeFileSync(
        layout,
        fs
          .readFileSync(layout, 'utf8')
          .replace(
            '</main>',
            `<img src="${origin}/template-img" alt="">\n<iframe src="file:///etc/passwd"></iframe>\n<link rel="stylesheet" href="${origin}/template-css">\n</main>`,
          ),
      );
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(templatesDir, { recursive: true, force: true });
    });

    it('loads nothing a template points at (http:// or file://)', async () => {
      const local = new PdfRenderer({
        executablePath: CHROMIUM,
        registry: () => new TemplateRegistry({ templatesDir, watch: false }),
      });
      try {
        const pdf = await local.renderBriefing(briefing20251115());
        expect(pdfText(pdf)).toContain('Key takeaways');
      } finally {
        await local.close();
      }
      expect(hits).toEqual([]);
    });

    it('loads nothing event text or source URLs point at', async () => {
      const briefing = briefing20251115();
      briefing.sections[0].today[0].summary = `See <img src="${origin}/event-img"> and ${origin}/event-link and file:///etc/passwd`;
      briefing.sources[0].url = `${origin}/source`;
      const text = pdfText(await renderer.renderBriefing(briefing));
      expect(text).toContain('<img src=');
      expect(hits).toEqual([]);
    });

    it('blocks every kind of subresource and runs no JavaScript', async () => {
      const html = `<!DOCTYPE html><html><head><title>t</title>
        <link rel="stylesheet" href="${origin}/css"><style>@import url("${origin}/import"); body { background: url("${origin}/bg"); }
        @font-face { font-family: X; src: url("${origin}/font.woff2"); } p { font-family: X; }</style>
        <script src="${origin}/script.js"></script><script>document.title = 'SCRIPTED'; document.write('<p>INJECTED</p>');</script>
        <meta http-equiv="refresh" content="0;url=${origin}/refresh"></head>
        <body><p>Static text</p><img src="${origin}/img"><iframe src="${origin}/frame"></iframe><iframe src="file:///etc/hostname"></iframe>
        <object data="${origin}/object"></object><video src="${origin}/video"></video><img src="file:///etc/hostname"></body></html>`;
      const { pdf, blocked } = await renderer.renderHtml(html);
      const text = pdfText(pdf);
      expect(text).toContain('Static text');
      expect(text).not.toContain('INJECTED');
      expect(hits).toEqual([]);
      expect(blocked.some((url) => url.startsWith(origin))).toBe(true);
    });
  });

  it('replaces a crashed browser on the next render', async () => {
    await renderer.renderBriefing(briefing20251115());
    const pid = renderer.browserProcessId();
    expect(pid).not.toBeNull();
    process.kill(pid!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const pdf = await renderer.renderBriefing(briefing20251115());
    expect(pdfInfo(pdf).title).toBe('Daily briefing — 15 November 2025');
    expect(renderer.browserProcessId()).not.toBe(pid);
  });

  it('renders concurrent requests through the concurrency cap', async () => {
    const pdfs = await Promise.all(Array.from({ length: 4 }, () => renderer.renderBriefing(briefing20251115())));
    for (const pdf of pdfs) expect(pdfInfo(pdf).pages).toBe(pdfInfo(pdfs[0]).pages);
  });

  it('fails with UNAVAILABLE, naming SITREP_CHROMIUM_PATH in the detail for the log, when it points at no Chromium', async () => {
    const missing = new PdfRenderer({ executablePath: '/nonexistent/chromium' });
    const error = await rejection(missing.renderBriefing(briefing20251115()));
    expect(error).toBeInstanceOf(AppError);
    expect(error.extensions.code).toBe('UNAVAILABLE');
    expect(error.message).not.toContain('/nonexistent');
    expect(error.detail).toContain('SITREP_CHROMIUM_PATH is /nonexistent/chromium');
  });

  it('fails with UNAVAILABLE when a render exceeds its timeout', async () => {
    const slow = new PdfRenderer({ executablePath: CHROMIUM, timeoutMs: 1 });
    try {
      const error = await rejection(slow.renderBriefing(briefing20251115()));
      expect(error.extensions.code).toBe('UNAVAILABLE');
      expect(error.message).toMatch(/longer than 1 ms/);
    } finally {
      await slow.close();
    }
  });
});
