import type { BriefingService } from '../briefings/briefing-service';
import { Config, loadConfig } from '../config/config';
import type { Database } from '../db/database';
import { DeliveryService } from '../mail/delivery-service';
import { PdfRenderer, createPdfRenderer } from '../output/pdf/pdf-renderer';

/**
 * The PDF engine and the email delivery service, built from configuration for the services container. Every
 * option falls back to the configuration defaults, so `createServices(db)` in tests and benchmarks works too.
 */
export type DocumentServicesOptions = Partial<Pick<Config,
  'chromiumPath' | 'chromiumDir' | 'pdfConcurrency' | 'pdfTimeoutMs' | 'smtpUrl' | 'outboxDir' | 'mailFrom' | 'smtpRetries' | 'smtpRetryDelayMs'>>;

export interface DocumentServices {
  pdf: PdfRenderer;
  /** The From address of composed messages. */
  mailFrom: string;
  deliveries: DeliveryService;
}

export function createDocumentServices(db: Database, briefings: BriefingService, options: DocumentServicesOptions = {}): DocumentServices {
  const defaults = loadConfig({});
  const pdf = createPdfRenderer({
    chromiumPath: options.chromiumPath === undefined ? defaults.chromiumPath : options.chromiumPath,
    chromiumDir: options.chromiumDir ?? defaults.chromiumDir,
    pdfConcurrency: options.pdfConcurrency ?? defaults.pdfConcurrency,
    pdfTimeoutMs: options.pdfTimeoutMs ?? defaults.pdfTimeoutMs,
  });
  const deliveries = new DeliveryService(db, async (request) => (await briefings.compose(request)).briefing, {
    smtpUrl: options.smtpUrl === undefined ? defaults.smtpUrl : options.smtpUrl,
    outboxDir: options.outboxDir ?? defaults.outboxDir,
    mailFrom: options.mailFrom ?? defaults.mailFrom,
    smtpRetries: options.smtpRetries ?? defaults.smtpRetries,
    smtpRetryDelayMs: options.smtpRetryDelayMs ?? defaults.smtpRetryDelayMs,
    pdf: (briefing) => pdf.renderBriefing(briefing),
  });
  return { pdf, deliveries, mailFrom: options.mailFrom ?? defaults.mailFrom };
}
