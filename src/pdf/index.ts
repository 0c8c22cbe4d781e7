/** The PDF engine's public surface: a briefing in, a PDF out, printed by a reused headless Chromium. */
export { PdfRenderer, createPdfRenderer, parsePaper, PAPER_SIZES, withFonts } from './pdf-renderer';
export type { BriefingPdfOptions, PdfRendererOptions, RenderedPdf } from './pdf-renderer';
export type { PaperSize, PrintResult } from './print-page';
export { CHROMIUM_ARGS, CHROMIUM_INSTALL_HINT } from './chromium-launcher';
export { PDF_FONT_STACK, embeddedFonts } from './pdf-fonts';
