import type { Briefing } from '../briefings/briefing';
import { composeBriefingEmail } from './email/compose-briefing-email';
import { FORMAT_PROFILES, RenderFormat, RenderedOutput, briefingFilename } from './formats/formats';
import type { PdfRenderer } from './pdf/pdf-renderer';
import type { PaperSize } from './pdf/print-page';
import { renderTemplate } from './templates/render-template';
import type { TemplateInfo, TemplateRegistry } from './templates/template-registry';

/** What the output pipeline renders with: the templates, the PDF engine, and the From address of `.eml` documents. */
export interface OutputEngines {
  registry: TemplateRegistry;
  pdf: PdfRenderer;
  mailFrom: string;
}

/** How a briefing is rendered besides its format. */
export interface OutputChoice {
  template?: string | null;
  /** PDF only (A4 by default); part of what identifies the output, so it belongs in cache keys. */
  paper?: PaperSize;
}

/**
 * The one entry point of the output pipeline: a briefing in, any format of the format table out, with the same
 * result shape for all five. The text formats come from their template alone; PDF is printed by Chromium from the
 * PDF template, and EMAIL is the complete RFC 5322 message (no recipients, so nothing is sent).
 */
export class OutputRenderer {
  constructor(private readonly engines: OutputEngines) {}

  get registry(): TemplateRegistry {
    return this.engines.registry;
  }

  /** The templates a client may choose from (name, format, description). */
  templates(): TemplateInfo[] {
    return this.engines.registry.listTemplates();
  }

  async render(briefing: Briefing, format: RenderFormat, choice: OutputChoice = {}): Promise<RenderedOutput> {
    const { registry, pdf, mailFrom } = this.engines;
    const engine = FORMAT_PROFILES[format].engine;
    if (engine === 'TEMPLATE') return renderTemplate(registry, briefing, format, choice.template);
    if (engine === 'PDF') {
      const rendered = await pdf.renderBriefingWithInfo(briefing, { paper: choice.paper, template: choice.template });
      return {
        format,
        contentType: FORMAT_PROFILES.PDF.contentType,
        filename: briefingFilename(briefing.date, 'PDF'),
        body: rendered.pdf,
        template: rendered.template,
        templateRevision: rendered.templateRevision,
      };
    }
    const email = await composeBriefingEmail(briefing, {
      from: mailFrom,
      template: choice.template,
      registry: () => registry,
      pdf: (b) => pdf.renderBriefing(b, { paper: choice.paper }),
    });
    return {
      format,
      contentType: FORMAT_PROFILES.EMAIL.contentType,
      filename: briefingFilename(briefing.date, 'EMAIL'),
      body: email.raw,
      template: email.template,
      templateRevision: email.templateRevision,
    };
  }
}
