import type { Briefing } from '../briefings/briefing';
import { briefingFilename } from './formats/formats';
import { composeBriefingEmail } from './email/compose-briefing-email';
import { FORMAT_PROFILES, TemplateRegistry, defaultTemplateRegistry } from './templates';
import type { PdfRenderer } from './pdf/pdf-renderer';
import type { PaperSize } from './pdf/print-page';

/**
 * The binary formats next to `renderBriefing`'s text ones, with the same result shape so the render service,
 * the HTTP downloads and the CLI can treat all five alike: PDF (printed by Chromium from the PDF template) and
 * EMAIL (the complete RFC 5322 message, for `.eml` downloads; no recipients, so nothing is sent).
 */
export type DocumentFormat = 'PDF' | 'EMAIL';

export interface RenderedDocument {
  format: DocumentFormat;
  contentType: string;
  filename: string;
  body: Buffer;
  template: string;
  templateRevision: string;
}

export interface DocumentOptions {
  pdf: PdfRenderer;
  template?: string | null;
  /** PDF only (A4 by default); part of what identifies the output, so it belongs in cache keys. */
  paper?: PaperSize;
  /** EMAIL only: attach the PDF too. */
  attachPdf?: boolean;
  /** EMAIL only: the From header (the configured SITREP_MAIL_FROM in production). */
  from?: string;
  registry?: () => TemplateRegistry;
}

export function isDocumentFormat(format: string): format is DocumentFormat {
  return format === 'PDF' || format === 'EMAIL';
}

export async function renderBriefingDocument(briefing: Briefing, format: DocumentFormat, opts: DocumentOptions): Promise<RenderedDocument> {
  if (format === 'PDF') {
    const rendered = await opts.pdf.renderBriefingWithInfo(briefing, { paper: opts.paper, template: opts.template });
    return {
      format, contentType: FORMAT_PROFILES.PDF.contentType, filename: briefingFilename(briefing.date, 'PDF'), body: rendered.pdf,
      template: rendered.template, templateRevision: rendered.templateRevision,
    };
  }
  const email = await composeBriefingEmail(briefing, {
    from: opts.from, attachPdf: opts.attachPdf, template: opts.template, registry: opts.registry ?? defaultTemplateRegistry,
    pdf: (b) => opts.pdf.renderBriefing(b, { paper: opts.paper }),
  });
  return {
    format, contentType: FORMAT_PROFILES.EMAIL.contentType, filename: briefingFilename(briefing.date, 'EMAIL'), body: email.raw,
    template: email.template, templateRevision: email.templateRevision,
  };
}
