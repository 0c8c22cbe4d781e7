import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

/**
 * Reading PDFs back in tests: poppler's pdftotext / pdfinfo (apt poppler-utils) for text, pages and page size,
 * and pdf-lib to walk the outline (bookmarks) tree, which poppler's tools do not print.
 */
function withTempFile<T>(pdf: Buffer, work: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-pdf-test-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return work(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfText(pdf: Buffer, opts: { layout?: boolean; page?: number } = {}): string {
  return withTempFile(pdf, (file) => {
    const args = [...(opts.layout ? ['-layout'] : []), ...(opts.page ? ['-f', String(opts.page), '-l', String(opts.page)] : []), '-enc', 'UTF-8', file, '-'];
    return execFileSync('pdftotext', args, { encoding: 'utf8' });
  });
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
  return withTempFile(pdf, (file) => {
    const out = execFileSync('pdfinfo', ['-f', '1', '-l', '1000', '-enc', 'UTF-8', file], { encoding: 'utf8' });
    const field = (name: string): string => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(out)?.[1]?.trim() ?? '';
    const pageSizes = [...out.matchAll(/^Page\s+\d+ size:\s*([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
    return { title: field('Title'), subject: field('Subject'), keywords: field('Keywords'), pages: Number(field('Pages')), tagged: field('Tagged') === 'yes', pageSizes };
  });
}

export function pdfFonts(pdf: Buffer): string[] {
  return withTempFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => l.split(/\s+/)[0]));
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
      entries.push({ title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '', depth });
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
      const next = item.get(PDFName.of('Next'));
      item = next instanceof PDFRef ? doc.context.lookup(next, PDFDict) : undefined;
    }
  };
  if (outlines !== undefined) walk(outlines.lookupMaybe(PDFName.of('First'), PDFDict), 0);
  return entries;
}
