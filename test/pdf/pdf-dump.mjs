// Reads a PDF from stdin with pdfjs-dist and prints what the tests check as JSON on stdout: each page's text
// and size, the document information, whether it is tagged, and the fonts it embeds. A script of its own
// because pdfjs-dist is an ES module, which jest's CommonJS runtime cannot load; pdf-read.ts runs it. The font
// names come from the font dictionaries themselves (pdf-lib), as pdfjs keeps them to itself.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * pdfjs lists right-to-left text (Arabic glyph by glyph, Hebrew word by word) in the order it is drawn, left to
 * right; a reader reads it the other way. Each run of right-to-left items (with the spaces between them) is
 * turned round, so the letters come out in logical order, as pdftotext gives them.
 */
function logicalOrder(items) {
  const out = [];
  for (let i = 0; i < items.length;) {
    if (items[i].dir !== 'rtl') {
      out.push(items[i]);
      i += 1;
      continue;
    }
    let end = i;
    for (let j = i; j < items.length && (items[j].dir === 'rtl' || items[j].str.trim() === ''); j += 1)
      if (items[j].dir === 'rtl') end = j;
    out.push(...items.slice(i, end + 1).reverse());
    i = end + 1;
  }
  return out;
}

/**
 * The ActualText of each marked-content span (BDC) on a page, in the order pdfjs meets them (null when it has
 * none): the page's content streams, and each form XObject's in place where it is drawn. Chromium shapes Arabic
 * into glyphs (a dotless letter and its dots) and says which letters they are in an ActualText; pdfjs reports the
 * spans but not that text, so it is read from the content streams here.
 */
function markedContentTexts(page) {
  const texts = [];
  const decode = (stream) =>
    stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : '';
  const walk = (source, resources, depth) => {
    const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    // A BDC's properties are a name or a dictionary without nested dictionaries, as Chromium writes them.
    for (const match of source.matchAll(
      /\/[^\s/<>[\]()]+\s*(<<(?:[^>]|>(?!>))*>>|\/[^\s/<>[\]()]+)\s*BDC\b|\/([^\s/<>[\]()]+)\s+Do\b/g,
    )) {
      if (match[2] !== undefined) {
        const form = xobjects?.lookup(PDFName.of(match[2]));
        if (depth < 10 && form instanceof PDFRawStream && form.dict.get(PDFName.of('Subtype')) === PDFName.of('Form')) {
          walk(decode(form), form.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources, depth + 1);
        }
        continue;
      }
      const hex = /\/ActualText\s*<([0-9A-Fa-f\s]*)>/.exec(match[1] ?? '');
      texts.push(hex === null ? null : PDFHexString.of(hex[1].replace(/\s/g, '')).decodeText());
    }
  };
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  walk(streams.map(decode).join('\n'), page.node.Resources(), 0);
  return texts;
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));

const structure = await PDFDocument.load(data, { updateMetadata: false });
const task = getDocument({ data: data.slice(), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
const doc = await task.promise;
const pages = [];
for (let number = 1; number <= doc.numPages; number += 1) {
  const page = await doc.getPage(number);
  const [x0, y0, x1, y1] = page.view;
  const content = await page.getTextContent({ includeMarkedContent: true });
  const actualTexts = markedContentTexts(structure.getPages()[number - 1]);
  if (actualTexts.length !== content.items.filter((item) => item.type === 'beginMarkedContentProps').length) {
    throw new Error(`page ${number}: the marked content pdfjs reports does not match the content stream`);
  }
  let span = 0;
  let replacing = null;
  let depth = 0;
  // Lines as a reader sees them: an item that pdfjs marks as ending its line, or one that starts higher or lower
  // on the page than the previous, begins a new line.
  const lines = [[]];
  let lastY = null;
  for (const raw of content.items) {
    let item = raw;
    if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
      const actual = item.type === 'beginMarkedContentProps' ? actualTexts[span++] : null;
      if (replacing !== null) depth += 1;
      else if (actual !== null) ((replacing = { str: actual, used: false }), (depth = 0));
      continue;
    }
    if (item.type === 'endMarkedContent') {
      if (replacing !== null && depth-- === 0) replacing = null;
      continue;
    }
    // Inside a span with an ActualText, the glyphs stand for that text: it replaces them once.
    if (replacing !== null) {
      if (replacing.used) continue;
      replacing.used = true;
      item = {
        ...item,
        str: replacing.str,
        dir: /[\u0590-\u08ff\ufb1d-\ufefc]/.test(replacing.str) ? 'rtl' : item.dir,
        hasEOL: false,
      };
    }
    const y = item.transform[5];
    // Marks and dots sit a little above or below their letter: only a move of half a line starts a new one.
    if (lastY !== null && Math.abs(y - lastY) > Math.max(1, 0.5 * (item.height || 0)) && lines.at(-1).length > 0)
      lines.push([]);
    lines.at(-1).push(item);
    if (item.hasEOL) lines.push([]);
    lastY = y;
  }
  let text = lines
    .map((line) =>
      logicalOrder(line)
        .map((item) => item.str)
        .join(''),
    )
    .join('\n');
  if (!text.endsWith('\n')) text += '\n';
  pages.push({ text, width: Math.round((x1 - x0) * 100) / 100, height: Math.round((y1 - y0) * 100) / 100 });
}
const fonts = new Set();
for (const [, object] of structure.context.enumerateIndirectObjects()) {
  if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
  const base = object.get(PDFName.of('BaseFont'));
  if (base instanceof PDFName) fonts.add(base.decodeText());
}
const { info } = await doc.getMetadata();
// Tagged: the catalog's MarkInfo says so and a structure tree is there (what pdfinfo's "Tagged" reports).
const markInfo = structure.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
const tagged =
  markInfo?.get(PDFName.of('Marked'))?.toString() === 'true' && structure.catalog.has(PDFName.of('StructTreeRoot'));
process.stdout.write(
  JSON.stringify({
    pages,
    title: info.Title ?? '',
    subject: info.Subject ?? '',
    keywords: info.Keywords ?? '',
    tagged,
    fonts: [...fonts].sort(),
  }),
);
await task.destroy();
