import { simpleParser } from 'mailparser';
import { parsePartialDate } from '../../src/dates/partial-date';

/*
 * The dates a rendered briefing states, to check that none lies after the briefing's date. Read as a reader
 * would: ISO dates, "15 November 2025", "November 2025" and bare years, each taken at its first day (a year that
 * contains the date is not after it). Two parts are left out: the "Generated" line (the instant it was rendered)
 * and the numbered source list (a past briefing may cite what was published since).
 */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_WORD = `(${MONTHS.join('|')})`;
const MENTION = new RegExp(
  `\\b(?:(\\d{4})-(\\d{2})(?:-(\\d{2}))?|(?:(\\d{1,2}) )?${MONTH_WORD} (\\d{4})|(\\d{4}))\\b`,
  'giu',
);

/** The first day of every date the text states, with the words that state it. */
export function statedDates(text: string): { words: string; first: string }[] {
  const found: { words: string; first: string }[] = [];
  for (const m of text.matchAll(MENTION)) {
    const [words, isoYear, isoMonth, isoDay, day, month, year, bareYear] = m;
    let value: string;
    if (isoYear !== undefined)
      value = isoDay === undefined ? `${isoYear}-${isoMonth}` : `${isoYear}-${isoMonth}-${isoDay}`;
    else if (year !== undefined) {
      const mm = String(MONTHS.indexOf(month.toLowerCase()) + 1).padStart(2, '0');
      value = day === undefined ? `${year}-${mm}` : `${year}-${mm}-${day.padStart(2, '0')}`;
    } else value = bareYear;
    const parsed = parsePartialDate(value);
    // Four digits that are no year of ours (a count, a part of a URL) are no date.
    if (parsed === null || parsed.start < '1900' || parsed.start > '2100') continue;
    found.push({ words, first: parsed.start });
  }
  return found;
}

/** The stated dates after `day`. */
export function datesAfter(text: string, day: string): string[] {
  return statedDates(text)
    .filter((d) => d.first > day)
    .map((d) => d.words);
}

/** A line that is a heading reading "Sources" (text, Markdown, PDF text). */
function sourceListStart(text: string): number {
  const lines = text.split('\n');
  let offset = text.length;
  let at = 0;
  for (const line of lines) {
    if (line.replace(/^#+ /, '').trim().toLowerCase() === 'sources') offset = at;
    at += line.length + 1;
  }
  return offset;
}

/** The instant the briefing was rendered, however the format wraps or marks it up. */
const withoutGenerated = (text: string): string =>
  text.replace(/Generated\W*\d{1,2}\s+[A-Za-z]+\s+\d{4},?\s+\d{2}:\d{2}/g, 'Generated');

/** The reader's text of a render before its source list: tags stripped from HTML, the generated instant dropped. */
export function readableText(format: string, body: string): string {
  if (format === 'HTML') {
    const cut = body.lastIndexOf('id="sources-title"');
    const before = cut < 0 ? body : body.slice(0, cut);
    return withoutGenerated(
      before
        .replace(/<(?:style|script)\b[^>]*>[^<]*<\/(?:style|script)>/giu, ' ')
        .split('<')
        .map((piece, i) => (i === 0 ? piece : ` ${piece.slice(piece.indexOf('>') + 1)}`))
        .join('')
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  }
  const text = withoutGenerated(body);
  return text.slice(0, sourceListStart(text));
}

/** An email's text and HTML parts, as readable text. */
export async function emailTexts(message: string): Promise<string[]> {
  const parsed = await simpleParser(message);
  return [
    readableText('TEXT', parsed.text ?? ''),
    readableText('HTML', typeof parsed.html === 'string' ? parsed.html : ''),
  ];
}
