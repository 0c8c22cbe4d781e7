import { parseDay } from '../../dates/partial-date';

// The one table of output formats. The GraphQL enum, the download extensions, the CLI's --format names, content
// types and file names all derive from it, so a new format is one row here plus its templates in the manifest.

/** What makes a format's final bytes: the template alone, Chromium printing the template's page, or the MIME composer. */
export type FormatEngine = 'TEMPLATE' | 'PDF' | 'EMAIL';

export interface FormatProfile {
  /** The GraphQL `BriefingFormat` value's description. */
  description: string;
  contentType: string;
  /** The file extension, which is also the download's (`/briefings/2025-11-15.md`) and a CLI `--format` name. */
  extension: string;
  /**
   * Whether Handlebars' own HTML escaping applies. Markdown and text escape through their own helpers instead,
   * because HTML entities would show up literally in them.
   */
  htmlEscape: boolean;
  engine: FormatEngine;
  /** How GraphQL's `RenderedBriefing.body` carries the document: as text, or base64 for bytes that are not text. */
  graphqlEncoding: 'UTF8' | 'BASE64';
}

const TABLE = {
  HTML: {
    description: 'A complete, accessible HTML page (text/html).',
    contentType: 'text/html; charset=utf-8',
    extension: 'html',
    htmlEscape: true,
    engine: 'TEMPLATE',
    graphqlEncoding: 'UTF8',
  },
  MARKDOWN: {
    description: 'CommonMark with footnotes (text/markdown).',
    contentType: 'text/markdown; charset=utf-8',
    extension: 'md',
    htmlEscape: false,
    engine: 'TEMPLATE',
    graphqlEncoding: 'UTF8',
  },
  TEXT: {
    description: 'Plain text wrapped at 78 columns (text/plain).',
    contentType: 'text/plain; charset=utf-8',
    extension: 'txt',
    htmlEscape: false,
    engine: 'TEMPLATE',
    graphqlEncoding: 'UTF8',
  },
  // PDF and EMAIL templates render HTML (the print page, the mail body); Chromium prints the page (src/output/pdf)
  // and the composer builds the MIME message around the body (src/output/email).
  PDF: {
    description: 'A printable PDF with bookmarks per front (application/pdf); the body is base64.',
    contentType: 'application/pdf',
    extension: 'pdf',
    htmlEscape: true,
    engine: 'PDF',
    graphqlEncoding: 'BASE64',
  },
  EMAIL: {
    description: 'A complete RFC 5322 message, text and HTML parts (message/rfc822); the body is its 7-bit text.',
    contentType: 'message/rfc822',
    extension: 'eml',
    htmlEscape: true,
    engine: 'EMAIL',
    graphqlEncoding: 'UTF8',
  },
} as const satisfies Record<string, FormatProfile>;

export type RenderFormat = keyof typeof TABLE;

export const FORMAT_PROFILES: Readonly<Record<RenderFormat, FormatProfile>> = TABLE;

/** In the table's order, which is also the GraphQL enum's. */
export const RENDER_FORMATS = Object.keys(FORMAT_PROFILES) as RenderFormat[];

export function isRenderFormat(value: unknown): value is RenderFormat {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FORMAT_PROFILES, value);
}

/** What a render produces: text (HTML, Markdown, plain text, an email message) or bytes (a PDF, an email message). */
export interface RenderedOutput {
  format: RenderFormat;
  /** e.g. "text/html; charset=utf-8". */
  contentType: string;
  /** e.g. "sitrep-briefing-2025-11-15.html". */
  filename: string;
  body: string | Buffer;
  /** The template used (the format's default when none was asked for). */
  template: string;
  /** The template's revision, for ETags together with the briefing's own version. */
  templateRevision: string;
}

/** The formats Handlebars renders completely; the others are finished by an engine from the template's HTML. */
export type TemplateFormat = {
  [F in RenderFormat]: (typeof TABLE)[F]['engine'] extends 'TEMPLATE' ? F : never;
}[RenderFormat];

export function isTemplateFormat(format: RenderFormat): format is TemplateFormat {
  return FORMAT_PROFILES[format].engine === 'TEMPLATE';
}

/** "a, b or c". */
function spokenList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** File extensions of the downloads and the format each serves. */
export const DOWNLOAD_EXTENSIONS: Readonly<Record<string, RenderFormat>> = Object.fromEntries(
  RENDER_FORMATS.map((f) => [FORMAT_PROFILES[f].extension, f]),
);

/** ".html, .md, .txt, .pdf or .eml", for messages about a download's address. */
export const DOWNLOAD_EXTENSION_LIST = spokenList(RENDER_FORMATS.map((f) => `.${FORMAT_PROFILES[f].extension}`));

/** What the CLI's `--format` accepts: the format names in lower case and the extensions. */
export const CLI_FORMATS: Readonly<Record<string, RenderFormat>> = Object.fromEntries(
  RENDER_FORMATS.flatMap(
    (f) =>
      [
        [f.toLowerCase(), f],
        [FORMAT_PROFILES[f].extension, f],
      ] as const,
  ),
);

const aliasOf = (f: RenderFormat): string | null =>
  FORMAT_PROFILES[f].extension === f.toLowerCase() ? null : FORMAT_PROFILES[f].extension;

/** "html, markdown (md), text (txt), pdf or email (eml)", the `--format` option's help. */
export const CLI_FORMAT_HELP = spokenList(
  RENDER_FORMATS.map((f) => {
    const alias = aliasOf(f);
    return alias === null ? f.toLowerCase() : `${f.toLowerCase()} (${alias})`;
  }),
);

/** "html, markdown, text, pdf, email (or md, txt, eml)", for a `--format` the CLI does not know. */
export const CLI_FORMAT_CHOICES = `${RENDER_FORMATS.map((f) => f.toLowerCase()).join(', ')} (or ${RENDER_FORMATS.map(
  aliasOf,
)
  .filter((a) => a !== null)
  .join(', ')})`;

/**
 * "sitrep-briefing-2025-11-15.html"; with fronts, "sitrep-briefing-2025-11-15-gaza-iran.html" (up to five of
 * them: past that the name would say less than it is long).
 */
export function briefingFilename(date: string, format: RenderFormat, fronts: readonly string[] | null = null): string {
  return `${filenameStem(date, fronts)}.${FORMAT_PROFILES[format].extension}`;
}

/** "sitrep-briefing-2025-11-15-gaza-edition-2.html": the briefing's name with the edition's number. */
export function editionFilename(
  date: string,
  format: RenderFormat,
  fronts: readonly string[] | null,
  number: number,
): string {
  return `${filenameStem(date, fronts)}-edition-${number}.${FORMAT_PROFILES[format].extension}`;
}

function filenameStem(date: string, fronts: readonly string[] | null): string {
  const named = fronts === null || fronts.length === 0 || fronts.length > 5 ? '' : `-${fronts.join('-')}`;
  return `sitrep-briefing-${parseDay(date) ?? 'undated'}${named}`;
}
