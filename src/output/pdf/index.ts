// The PDF engine's public surface: a briefing in, a PDF out, printed by a reused headless Chromium.

export { PdfRenderer, createPdfRenderer, parsePaper, PAPER_SIZES, withFonts } from './pdf-renderer';
export type { BriefingPdfOptions, PdfRendererOptions, RenderedPdf } from './pdf-renderer';
export type { PaperSize, PrintResult } from './print-page';
export { CHROMIUM_ARGS } from './chromium-launcher';
export {
  CHROMIUM_INSTALL_HINT,
  NPM_CHROMIUM_PACKAGE,
  locateChromium,
  planChromium,
  systemChromiumCandidates,
} from './chromium-discovery';
export type {
  ChromiumDiscoveryOptions,
  ChromiumLocation,
  ChromiumPlan,
  ChromiumSource,
  NpmChromium,
} from './chromium-discovery';
export { PDF_FONT_STACK, embeddedFonts } from './pdf-fonts';
