/*
 * Word wrapping for the plain-text format. Columns are counted in code points, which is exact for the Latin,
 * Arabic and Hebrew text briefings carry (no double-width characters).
 */

export const TEXT_WIDTH = 78;

export interface WrapOptions {
  width?: number;
  /** Printed before the first line, e.g. "  * " or "[12] "; expected to be much narrower than the width. */
  prefix?: string;
  /** Printed before every following line; defaults to spaces as wide as the prefix (a hanging indent). */
  indent?: string;
}

// Every C0 and C1 control character; tabs and line breaks among them become spaces like the others do.
const CONTROL_CHARS = /\p{Cc}/gu;

const columns = (text: string): number => [...text].length;

/** Collapses runs of whitespace and drops control characters, so data cannot break the layout or a terminal. */
export function normaliseInline(text: string): string {
  return text.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

// Where a too-long word may be split with the least damage: after a separator.
const SOFT_BREAK_AFTER = new Set(['/', '-', '?', '&', '=', '.', '_', '#']);

/** How many characters of a too-long word go on this line: up to a separator if one falls late enough. */
function breakPoint(chars: string[], room: number): number {
  for (let i = room - 1; i >= Math.floor(room / 2); i -= 1) if (SOFT_BREAK_AFTER.has(chars[i])) return i + 1;
  return room;
}

/** A word holding a URL (a scheme's "://"), which wrapping never breaks. */
export function isUrlWord(word: string): boolean {
  return word.includes('://');
}

/**
 * Wraps one paragraph; returns lines joined by "\n" with no trailing newline. Every line fits the width but one
 * holding a URL longer than the width, alone after the line's prefix or indent.
 */
export function wrapParagraph(text: string, options: WrapOptions = {}): string {
  const width = options.width ?? TEXT_WIDTH;
  const prefix = options.prefix ?? '';
  const indent = options.indent ?? ' '.repeat(columns(prefix));
  const lines: string[] = [];
  let lead = prefix;
  let current = '';

  const room = (): number => Math.max(1, width - columns(lead));
  const flush = (): void => {
    lines.push((lead + current).trimEnd());
    lead = indent;
    current = '';
  };

  for (const word of normaliseInline(text).split(' ')) {
    if (word === '') continue;
    const candidate = current === '' ? word : `${current} ${word}`;
    if (columns(candidate) <= room()) {
      current = candidate;
      continue;
    }
    if (current !== '') flush();
    // A URL is never broken, so that it can be copied or followed: one longer than the line gets a line of its own.
    if (isUrlWord(word)) {
      current = word;
      flush();
      continue;
    }
    // Any other word longer than a whole line is hard-broken rather than allowed past the width.
    let rest = [...word];
    while (rest.length > room()) {
      const take = breakPoint(rest, room());
      current = rest.slice(0, take).join('');
      flush();
      rest = rest.slice(take);
    }
    current = rest.join('');
  }
  if (current !== '' || lines.length === 0) flush();
  return lines.join('\n');
}

/**
 * The last guarantee of the text format: any line still wider than the width (a long heading, say) is re-wrapped,
 * keeping its leading indentation.
 */
export function enforceWidth(text: string, width = TEXT_WIDTH): string {
  return text
    .split('\n')
    .map((line) => {
      if (columns(line) <= width) return line;
      // Deep indentation is capped so that some words still fit on each line.
      const indent = (/^\s*/.exec(line)?.[0] ?? '').slice(0, Math.floor(width / 2));
      return wrapParagraph(line, { width, prefix: indent, indent });
    })
    .join('\n');
}
