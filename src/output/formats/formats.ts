/**
 * The output formats rendering knows. Each row says how its templates are compiled and how its output is served,
 * so a new format (EMAIL, PDF) is one row here plus its templates in the manifest.
 */
export type RenderFormat = 'HTML' | 'MARKDOWN' | 'TEXT' | 'PDF' | 'EMAIL';

export interface FormatProfile {
  contentType: string;
  extension: string;
  /**
   * Whether Handlebars' own HTML escaping applies. Markdown and text escape through their own helpers instead,
   * because HTML entities would show up literally in them.
   */
  htmlEscape: boolean;
}

export const FORMAT_PROFILES: Readonly<Record<RenderFormat, FormatProfile>> = {
  HTML: { contentType: 'text/html; charset=utf-8', extension: 'html', htmlEscape: true },
  MARKDOWN: { contentType: 'text/markdown; charset=utf-8', extension: 'md', htmlEscape: false },
  TEXT: { contentType: 'text/plain; charset=utf-8', extension: 'txt', htmlEscape: false },
  // PDF and EMAIL templates render HTML (the print page, the mail body); the final bytes come from src/pdf
  // (Chromium prints the page) and src/email (the MIME message), see src/documents/render-document.ts.
  PDF: { contentType: 'application/pdf', extension: 'pdf', htmlEscape: true },
  EMAIL: { contentType: 'message/rfc822', extension: 'eml', htmlEscape: true },
};

export const RENDER_FORMATS = Object.keys(FORMAT_PROFILES) as RenderFormat[];

export function isRenderFormat(value: unknown): value is RenderFormat {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FORMAT_PROFILES, value);
}
