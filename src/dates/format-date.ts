import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import { parseInstant, parsePartialDate } from './partial-date';

/**
 * Words for dates already formatted. A briefing formats the same few dozen dates hundreds of times (events,
 * sources, status lines), and luxon's formatting was the largest part of composing and rendering one.
 */
const WORDS = new LRUCache<string, string>({ max: 10_000 });

/** "15 November 2025", "December 2024" or "2024": a partial date in words, at its own precision. */
export function formatPartialDate(value: string): string {
  let words = WORDS.get(value);
  if (words === undefined) {
    words = partialDateInWords(value);
    WORDS.set(value, words);
  }
  return words;
}

function partialDateInWords(value: string): string {
  const parsed = parsePartialDate(value);
  if (parsed === null) return value;
  const dt = DateTime.fromISO(parsed.start, { zone: 'UTC', locale: 'en-GB' });
  switch (parsed.precision) {
    case 'DAY':
      return dt.toFormat('d MMMM yyyy');
    case 'MONTH':
      return dt.toFormat('MMMM yyyy');
    case 'YEAR':
      return dt.toFormat('yyyy');
  }
}

/** "on 15 November 2025", "in December 2024", "in 2024": the honest prose form. */
export function formatPartialDateInProse(value: string): string {
  const parsed = parsePartialDate(value);
  const words = formatPartialDate(value);
  return parsed?.precision === 'DAY' ? `on ${words}` : `in ${words}`;
}

/** "15 November 2025, 21:40" in the given timezone; the input unchanged when it is not an ISO instant. */
export function formatInstantInZone(instant: string, zone: string): string {
  const parsed = parseInstant(instant);
  if (parsed === null) return instant;
  const dt = DateTime.fromJSDate(parsed, { zone }).setLocale('en-GB');
  return dt.isValid ? dt.toFormat('d MMMM yyyy, HH:mm') : instant;
}
