import { normaliseInline } from './text-wrap';

// Escaping of data for CommonMark inline content, so that text an editor typed ("*", "<script>", "[^1]", "#")
// shows literally instead of becoming emphasis, raw HTML, a footnote or a heading.

// Every character here may start inline markup in CommonMark or in the common extensions (GFM tables and
// strikethrough, footnotes); CommonMark allows a backslash before any ASCII punctuation, so over-escaping is safe.
const INLINE_SPECIALS = /[\\`*_[\]<>&#|~!]/g;

// At the start of a line these open a block (list item, blockquote, setext underline, thematic break); the text
// may land at a line start after the surrounding template, so its first character is escaped too.
const LEADING_BLOCK_MARKER = /^([-+=>])/;
const LEADING_ORDERED_MARKER = /^(\d+)([.)])/;

/** Escapes text for inline Markdown; newlines collapse to spaces so that data cannot open a new block. */
export function escapeMarkdownInline(text: string): string {
  return normaliseInline(text)
    .replace(INLINE_SPECIALS, (ch) => `\\${ch}`)
    .replace(LEADING_BLOCK_MARKER, '\\$1')
    .replace(LEADING_ORDERED_MARKER, '$1\\$2');
}
