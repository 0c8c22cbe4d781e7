import path from 'node:path';
import type { BriefingService } from '../briefings/briefing-service';
import { Config, DEFAULTS } from '../config/config';
import type { Database } from '../db/database';
import { DeliveryService } from '../mail/delivery-service';
import { composeBriefingEmail } from '../output/email/compose-briefing-email';
import { PdfRenderer, createPdfRenderer } from '../output/pdf/pdf-renderer';
import { OutputRenderer } from '../output/render-output';
import { TemplateRegistry } from '../output/templates/template-registry';

// The output pipeline (templates, PDF engine, renderer) and the email delivery service, wired from configuration
// for the services container. Every setting left out falls back to DEFAULTS, so `createServices(db)` in tests and
// benchmarks works too.

export type DocumentServicesOptions = Partial<
  Pick<
    Config,
    | 'env'
    | 'templatesDir'
    | 'renderTimeoutMs'
    | 'chromiumPath'
    | 'chromiumDir'
    | 'pdfConcurrency'
    | 'pdfTimeoutMs'
    | 'smtpUrl'
    | 'outboxDir'
    | 'mailFrom'
    | 'smtpRetries'
    | 'smtpRetryDelayMs'
  >
>;

export interface DocumentServices {
  templates: TemplateRegistry;
  pdf: PdfRenderer;
  output: OutputRenderer;
  deliveries: DeliveryService;
}

export function createDocumentServices(
  db: Database,
  briefings: BriefingService,
  options: DocumentServicesOptions = {},
): DocumentServices {
  const templates = new TemplateRegistry({
    templatesDir: options.templatesDir ?? DEFAULTS.templatesDir,
    watch: (options.env ?? DEFAULTS.env) !== 'production',
    renderTimeoutMs: options.renderTimeoutMs ?? DEFAULTS.renderTimeoutMs,
  });
  const registry = (): TemplateRegistry => templates;
  const pdf = createPdfRenderer(
    {
      chromiumPath: options.chromiumPath ?? null,
      chromiumDir: options.chromiumDir ?? path.resolve(DEFAULTS.chromiumDir),
      pdfConcurrency: options.pdfConcurrency ?? DEFAULTS.pdfConcurrency,
      pdfTimeoutMs: options.pdfTimeoutMs ?? DEFAULTS.pdfTimeoutMs,
    },
    registry,
  );
  const mailFrom = options.mailFrom ?? DEFAULTS.mailFrom;
  const output = new OutputRenderer({ registry: templates, pdf, mailFrom });
  const deliveries = new DeliveryService(db, async (request) => (await briefings.compose(request)).briefing, {
    smtpUrl: options.smtpUrl ?? null,
    outboxDir: options.outboxDir ?? path.resolve(DEFAULTS.outboxDir),
    mailFrom,
    smtpRetries: options.smtpRetries ?? DEFAULTS.smtpRetries,
    smtpRetryDelayMs: options.smtpRetryDelayMs ?? DEFAULTS.smtpRetryDelayMs,
    pdf: (briefing) => pdf.renderBriefing(briefing),
    compose: (briefing, message) => composeBriefingEmail(briefing, { ...message, registry }),
  });
  return { templates, pdf, output, deliveries };
}
