import path from 'node:path';
import { Semaphore } from 'async-mutex';
import type { Browser } from 'puppeteer-core';
import type { Briefing } from '../../briefings/briefing';
import { DEFAULTS } from '../../config/config';
import { AppError, badInput, isAppError } from '../../errors/app-errors';
import { renderTemplate } from '../templates/render-template';
import { TemplateRegistry, defaultTemplateRegistry } from '../templates/template-registry';
import {
  ChromiumDiscoveryOptions,
  ChromiumLocation,
  ChromiumPlan,
  locateChromium,
  planChromium,
} from './chromium-discovery';
import { launchChromium, LaunchedChromium, removeProfile } from './chromium-launcher';
import { embeddedFonts } from './pdf-fonts';
import { applyPdfMetadata } from './pdf-metadata';
import { PaperSize, PrintResult, PrintTab } from './print-page';

// The PDF engine: one Chromium, started on the first PDF and reused, printing the HTML that the PDF templates
// render. At most `concurrency` pages print at once; each render (queueing included) has a deadline. A browser
// that crashed or was killed is noticed through its `disconnected` event and replaced on the next render.

export interface PdfRendererOptions {
  /** The Chromium to print with (SITREP_CHROMIUM_PATH); null or left out finds one (chromium-discovery.ts). */
  executablePath?: string | null;
  /** Where the npm Chromium is unpacked and the footer fonts are written (SITREP_CHROMIUM_DIR). */
  browserDir?: string;
  /** Where discovery looks, for tests: the installed browsers and the npm package. */
  discovery?: Pick<ChromiumDiscoveryOptions, 'systemCandidates' | 'npmPackage' | 'platform' | 'arch'>;
  concurrency?: number;
  timeoutMs?: number;
  /** The templates to render from (the configured folder by default). */
  registry?: () => TemplateRegistry;
}

export interface BriefingPdfOptions {
  paper?: PaperSize;
  /** A template of format PDF; the default PDF template when omitted. */
  template?: string | null;
}

export interface RenderedPdf {
  pdf: Buffer;
  /** The PDF template used and its revision, for ETags. */
  template: string;
  templateRevision: string;
}

export const PAPER_SIZES: readonly PaperSize[] = ['A4', 'LETTER'];

/** Paper from a client ("a4", "letter", any case); anything else is BAD_USER_INPUT on `paper`. */
export function parsePaper(value: string | null | undefined): PaperSize {
  if (value === undefined || value === null || value === '') return 'A4';
  const upper = value.toUpperCase();
  const paper = PAPER_SIZES.find((p) => p === upper);
  if (paper === undefined) throw badInput('paper', `must be A4 or LETTER, got ${JSON.stringify(value)}`);
  return paper;
}

// The print template carries the running footer inside <template id="sitrep-pdf-footer">, which a browser
// never displays, so an editor changes the footer in the same file as the rest of the PDF.
const FOOTER_RE = /<template id="sitrep-pdf-footer">([\s\S]*?)<\/template>/;
const DEFAULT_FOOTER =
  '<div style="width:100%;font-family:\'Noto Sans\',sans-serif;font-size:8pt;text-align:center;color:#444">page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

export class PdfRenderer {
  private readonly slots: Semaphore;
  private readonly timeoutMs: number;
  private readonly registry: () => TemplateRegistry;
  private readonly discovery: ChromiumDiscoveryOptions;
  private current: LaunchedChromium | undefined;
  private launching: Promise<LaunchedChromium> | undefined;
  /** Open tabs not printing right now, at most one per slot; they belong to the current browser. */
  private idleTabs: PrintTab[] = [];

  constructor(options: PdfRendererOptions) {
    this.slots = new Semaphore(Math.max(1, options.concurrency ?? DEFAULTS.pdfConcurrency));
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.pdfTimeoutMs;
    this.registry = options.registry ?? defaultTemplateRegistry;
    this.discovery = {
      ...options.discovery,
      configuredPath: options.executablePath ?? null,
      browserDir: options.browserDir ?? path.resolve(DEFAULTS.chromiumDir),
    };
  }

  /** Which Chromium PDFs will use, without starting or unpacking it; throws UNAVAILABLE when there is none. */
  plan(): ChromiumPlan {
    return planChromium(this.discovery);
  }

  /** The Chromium that printed (or will print) the PDFs, unpacking the npm one if that is the one. */
  async chromium(): Promise<ChromiumLocation> {
    return this.current?.location ?? locateChromium(this.discovery);
  }

  /** The briefing as a PDF, from its PDF template, with metadata. */
  async renderBriefing(briefing: Briefing, opts: BriefingPdfOptions = {}): Promise<Buffer> {
    return (await this.renderBriefingWithInfo(briefing, opts)).pdf;
  }

  async renderBriefingWithInfo(briefing: Briefing, opts: BriefingPdfOptions = {}): Promise<RenderedPdf> {
    const paper = parsePaper(opts.paper);
    const rendered = renderTemplate(this.registry(), briefing, 'PDF', opts.template ?? null);
    const footer = FOOTER_RE.exec(rendered.body)?.[1]?.trim() || DEFAULT_FOOTER;
    const { pdf } = await this.renderHtml(withFonts(rendered.body), { paper, footerTemplate: footer });
    const fronts = briefing.sections.map((s) => s.front.name);
    const withMeta = await applyPdfMetadata(pdf, {
      title: briefing.title,
      subject: `Sitrep daily briefing for ${briefing.date} (${briefing.timezone})${fronts.length > 0 ? `: ${fronts.join(', ')}` : ''}`,
      keywords: ['Sitrep', 'briefing', briefing.date, ...fronts],
      createdAt: briefing.generatedAt,
      language: 'en',
    });
    return { pdf: withMeta, template: rendered.template, templateRevision: rendered.templateRevision };
  }

  /** Prints any HTML (fonts and metadata are the caller's business); exposed for tests and benchmarks. */
  async renderHtml(html: string, opts: { paper?: PaperSize; footerTemplate?: string } = {}): Promise<PrintResult> {
    const deadline = Date.now() + this.timeoutMs;
    let expired = false;
    const work = this.slots.runExclusive(async () => {
      // A request that timed out while queued must not print anyway and take a slot from the living.
      if (expired) throw timeoutError(this.timeoutMs);
      return this.printWithRetry(html, {
        paper: opts.paper ?? 'A4',
        footerTemplate: opts.footerTemplate ?? DEFAULT_FOOTER,
        deadline,
      });
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        expired = true;
        reject(timeoutError(this.timeoutMs));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
      // The losing promise's rejection is expected and must not surface as unhandled.
      work.catch(() => undefined);
    }
  }

  /** The running browser's process id (tests kill it to prove recovery); null before the first PDF. */
  browserProcessId(): number | null {
    return this.current?.browser.process()?.pid ?? null;
  }

  /** Closes the browser and removes its profile; a later render would start a new one. */
  async close(): Promise<void> {
    const launched = this.current ?? (await this.launching?.catch(() => undefined));
    this.current = undefined;
    this.launching = undefined;
    this.idleTabs = [];
    if (launched === undefined) return;
    await launched.browser.close().catch(() => launched.browser.process()?.kill('SIGKILL'));
    removeProfile(launched.userDataDir);
  }

  private async printWithRetry(
    html: string,
    job: { paper: PaperSize; footerTemplate: string; deadline: number },
  ): Promise<PrintResult> {
    for (let attempt = 1; ; attempt += 1) {
      const browser = await this.browser();
      let tab: PrintTab | undefined;
      try {
        tab = this.idleTabs.pop() ?? (await PrintTab.open(browser));
        const result = await tab.print(html, {
          paper: job.paper,
          footerTemplate: job.footerTemplate,
          timeoutMs: Math.max(1, job.deadline - Date.now()),
        });
        if (tab.usable && this.current?.browser === browser) this.idleTabs.push(tab);
        else await tab.close();
        return result;
      } catch (error) {
        // A tab that failed (timed out mid-navigation, say) is not trusted with another document.
        await tab?.close();
        // A browser that died under this render is replaced and the render tried once more; any other
        // failure (a timeout, a bad document) is the render's own.
        if (attempt === 1 && !browser.connected && job.deadline > Date.now()) continue;
        if (isAppError(error)) throw error;
        throw new AppError('UNAVAILABLE', 'PDF rendering failed; try again later.', undefined, {
          detail: `PDF rendering failed: ${(error as Error).message.split('\n')[0]}`,
        });
      }
    }
  }

  private async browser(): Promise<Browser> {
    if (this.current !== undefined && this.current.browser.connected) return this.current.browser;
    if (this.current !== undefined) this.forget(this.current);
    // Discovery runs again at each launch, so a Chromium installed (or an `npm install`) after a failure is used.
    this.launching ??= locateChromium(this.discovery)
      .then((location) => launchChromium(location, this.discovery.browserDir))
      .then(
        (launched) => {
          this.current = launched;
          this.launching = undefined;
          launched.browser.once('disconnected', () => this.forget(launched));
          return launched;
        },
        (error: unknown) => {
          this.launching = undefined;
          throw error;
        },
      );
    return (await this.launching).browser;
  }

  private forget(launched: LaunchedChromium): void {
    if (this.current === launched) {
      this.current = undefined;
      this.idleTabs = [];
    }
    // Make sure a half-dead browser is really gone before its profile is removed.
    launched.browser.process()?.kill('SIGKILL');
    removeProfile(launched.userDataDir);
  }
}

function timeoutError(ms: number): AppError {
  return new AppError('UNAVAILABLE', `PDF rendering took longer than ${ms} ms; try again later`);
}

/**
 * The @font-face rules (`css`, the embedded ones by default) go into the document's head, so the template itself
 * stays small and readable.
 */
export function withFonts(html: string, css: string = embeddedFonts().css): string {
  const style = `<style id="sitrep-embedded-fonts">\n${css}\n</style>\n`;
  const head = html.indexOf('</head>');
  return head < 0 ? style + html : html.slice(0, head) + style + html.slice(head);
}

/** A renderer from the configuration; the bench script and the services container use this. */
export function createPdfRenderer(
  config: { chromiumPath: string | null; chromiumDir: string; pdfConcurrency: number; pdfTimeoutMs: number },
  registry?: () => TemplateRegistry,
): PdfRenderer {
  return new PdfRenderer({
    executablePath: config.chromiumPath,
    browserDir: config.chromiumDir,
    concurrency: config.pdfConcurrency,
    timeoutMs: config.pdfTimeoutMs,
    registry,
  });
}
