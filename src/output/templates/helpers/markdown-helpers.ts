import { safeHttpUrl } from '../../../validation/safe-url';
import { escapeMarkdownInline } from '../markdown-escape';
import { Helper, HelperUsageError, numbersArg, splitArgs, textArg } from './helper-args';

/**
 * Markdown-only helpers. Markdown templates compile with `noEscape`, so these are the only way data reaches the
 * output (a test walks the templates to hold them to that).
 */
export const markdownHelpers: Record<string, Helper> = {
  /** Data as literal inline Markdown text. */
  md(...args) {
    const [value] = splitArgs(args).params;
    return escapeMarkdownInline(textArg('md', value));
  },

  /** Footnote references "[^1][^3]"; the labels are the source numbers. */
  mdRefs(...args) {
    const [value] = splitArgs(args).params;
    return numbersArg('mdRefs', value)
      .map((n) => `[^${n}]`)
      .join('');
  },

  /** One footnote label, "[^3]", for a source's definition line. */
  mdNote(...args) {
    const [value] = splitArgs(args).params;
    const [n] = numbersArg('mdNote', [value]);
    if (n === undefined) throw new HelperUsageError('mdNote', 'expected a source number');
    return `[^${n}]`;
  },

  /**
   * The id renderers that give headings ids (GitHub, GitLab, markdown-it-anchor's GitHub mode) give a heading of
   * this text: lower case, letters, digits, "-" and "_" kept, spaces as "-". The Markdown carries no raw HTML, so
   * links to a section use this instead of an inline anchor.
   */
  mdHeadingId(...args) {
    const [value] = splitArgs(args).params;
    return markdownHeadingId(textArg('mdHeadingId', value));
  },

  /** A source URL as an autolink, or as escaped text when it is not a safe http(s) URL. */
  mdUrl(...args) {
    const [value] = splitArgs(args).params;
    const raw = textArg('mdUrl', value);
    const url = safeHttpUrl(raw);
    return url === null ? escapeMarkdownInline(raw) : `<${url}>`;
  },
};

const HEADING_ID_CHAR = /[\p{L}\p{N}\p{M} _-]/u;

/** GitHub's heading id of a heading's text (see `mdHeadingId`); only letters, digits, "-" and "_" remain. */
export function markdownHeadingId(text: string): string {
  let id = '';
  for (const ch of text.toLowerCase()) if (HEADING_ID_CHAR.test(ch)) id += ch === ' ' ? '-' : ch;
  return id === '' ? 'section' : id;
}

/** The helpers whose output is safe to print in a Markdown template. */
export const MARKDOWN_SAFE_HELPERS: ReadonlySet<string> = new Set([
  'md',
  'mdRefs',
  'mdNote',
  'mdUrl',
  'mdHeadingId',
  'anchor',
]);
