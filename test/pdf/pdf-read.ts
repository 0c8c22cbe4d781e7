import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

/**
 * Reading PDFs back in tests with parsers from the npm registry, so `npm test` needs nothing installed on the
 * machine: pdfjs-dist for text, pages, page sizes and metadata, and pdf-lib for the fonts and the outline
 * (bookmarks). pdfjs-dist is an ES module, which jest's CommonJS runtime cannot load, so pdf-dump.mjs runs it in
 * a Node process of its own, once per PDF.
 */
interface PdfDump {
  pages: { text: string; width: number; height: number }[];
  title: string;
  subject: string;
  keywords: string;
  tagged: boolean;
  fonts: string[];
}

const dumps = new WeakMap<Buffer, PdfDump>();

function dump(pdf: Buffer): PdfDump {
  let read = dumps.get(pdf);
  if (read === undefined) {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'pdf-dump.mjs')], {
      input: pdf,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    read = JSON.parse(out) as PdfDump;
    dumps.set(pdf, read);
  }
  return read;
}

/** The text of the document, or of one page, one line per line of print; pages end with a form feed. */
export function pdfText(pdf: Buffer, opts: { page?: number } = {}): string {
  const { pages } = dump(pdf);
  const chosen = opts.page === undefined ? pages : [pages[opts.page - 1]];
  if (chosen.some((page) => page === undefined)) throw new Error(`the PDF has no page ${opts.page}`);
  return chosen.map((page) => `${page.text}\f`).join('');
}

export interface PdfInfo {
  title: string;
  subject: string;
  keywords: string;
  pages: number;
  tagged: boolean;
  /** Width and height in points of each page box. */
  pageSizes: { width: number; height: number }[];
}

export function pdfInfo(pdf: Buffer): PdfInfo {
  const { title, subject, keywords, tagged, pages } = dump(pdf);
  return {
    title,
    subject,
    keywords,
    tagged,
    pages: pages.length,
    pageSizes: pages.map(({ width, height }) => ({ width, height })),
  };
}

/** The base names of the fonts the PDF carries, e.g. "AAAAAA+NotoSans-Regular". */
export function pdfFonts(pdf: Buffer): string[] {
  return dump(pdf).fonts;
}

export interface OutlineEntry {
  title: string;
  depth: number;
}

/** The outline flattened depth-first: [{ title: 'Gaza', depth: 1 }, …] (depth 0 is the top level). */
export async function pdfOutline(pdf: Buffer): Promise<OutlineEntry[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const entries: OutlineEntry[] = [];
  const walk = (first: PDFDict | undefined, depth: number): void => {
    let item = first;
    let guard = 0;
    while (item !== undefined && guard++ < 10_000) {
      const title = item.lookup(PDFName.of('Title'));
      entries.push({
        title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '',
        depth,
      });
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
      const next = item.get(PDFName.of('Next'));
      item = next instanceof PDFRef ? doc.context.lookup(next, PDFDict) : undefined;
    }
  };
  if (outlines !== undefined) walk(outlines.lookupMaybe(PDFName.of('First'), PDFDict), 0);
  return entries;
}
