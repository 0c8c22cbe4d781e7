import { PDFDocument } from 'pdf-lib';

// Chromium writes only a Title (from <title>) and the print time. The document information a library or a
// mail client shows is completed here: subject, keywords (the fronts), author, and the briefing's own
// generation time as creation date, so the same briefing carries the same dates however often it is printed.

export interface PdfMetadata {
  title: string;
  subject: string;
  keywords: string[];
  /** ISO 8601 instant. */
  createdAt: string;
  /** BCP 47, e.g. "en". */
  language: string;
}

// pdf-lib yields to the event loop (a setTimeout) every so many objects, by default every 100 on load and 50 on
// save: for a briefing's few thousand objects the yielding cost three times the work itself.
const OBJECTS_PER_TICK = 2_000;

export async function applyPdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Buffer> {
  // updateMetadata: false, or pdf-lib would overwrite the producer and dates with its own on load.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: OBJECTS_PER_TICK });
  const created = new Date(meta.createdAt);
  const when = Number.isNaN(created.getTime()) ? new Date() : created;
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setAuthor('Sitrep');
  doc.setCreator('Sitrep (Handlebars print template, Chromium)');
  doc.setProducer('Sitrep PDF engine (Chromium, pdf-lib)');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  doc.setLanguage(meta.language);
  return Buffer.from(await doc.save({ useObjectStreams: false, objectsPerTick: OBJECTS_PER_TICK }));
}
