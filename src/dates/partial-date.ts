import { DateTime, IANAZone } from 'luxon';

/*
 * The one date module (on luxon). A partial date is a day, a month or a year: "2025-11-15", "2024-12", "2024".
 * Its precision is carried by its form, so an event known only to the month is never shown as a day.
 */

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

export interface PartialDate {
  /** The canonical form: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  value: string;
  precision: DatePrecision;
  /** First day of the period, `YYYY-MM-DD`. */
  start: string;
  /** Last day of the period, `YYYY-MM-DD`. */
  end: string;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PARTIAL_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A yes/no check whose "yes" answers are remembered: the checks below build luxon or Intl objects, a measurable
 * part of a cached download, and their answers never change. Only "yes" is kept, and only so many, so that no
 * stream of made-up input can grow the memory.
 */
function rememberingYes(check: (value: string) => boolean, max: number): (value: string) => boolean {
  const yes = new Set<string>();
  return (value) => {
    if (yes.has(value)) return true;
    if (!check(value)) return false;
    if (yes.size < max) yes.add(value);
    return true;
  };
}

const isRealDay = rememberingYes((value) => {
  const m = DAY_RE.exec(value);
  return m !== null && DateTime.fromObject({ year: +m[1], month: +m[2], day: +m[3] }, { zone: 'UTC' }).isValid;
}, 20_000);

/** Parses `YYYY-MM-DD` strictly (a real calendar day); null when it is not one. */
export function parseDay(value: string): string | null {
  return isRealDay(value) ? value : null;
}

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null when it is not a real period. */
export function parsePartialDate(value: string): PartialDate | null {
  const m = PARTIAL_RE.exec(value);
  if (!m) return null;
  const year = +m[1];
  if (year < 1) return null;
  if (m[3] !== undefined) {
    return parseDay(value) === null ? null : { value, precision: 'DAY', start: value, end: value };
  }
  if (m[2] !== undefined) {
    const start = DateTime.fromObject({ year, month: +m[2], day: 1 }, { zone: 'UTC' });
    if (!start.isValid) return null;
    return { value, precision: 'MONTH', start: start.toISODate(), end: start.endOf('month').toISODate() };
  }
  const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: 'UTC' });
  return { value, precision: 'YEAR', start: start.toISODate()!, end: start.endOf('year').toISODate()! };
}

/** Builds the partial date of a stored (start, precision) pair. */
export function partialDateOf(start: string, precision: DatePrecision): PartialDate {
  const value = precision === 'DAY' ? start : precision === 'MONTH' ? start.slice(0, 7) : start.slice(0, 4);
  const parsed = parsePartialDate(value);
  if (parsed === null) throw new Error(`Stored date ${start} (${precision}) is not a valid date`);
  return parsed;
}

/** Parses an ISO 8601 instant with a date, a time and an offset (or Z); null otherwise. */
export function parseInstant(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(value)) return null;
  const dt = DateTime.fromISO(value, { setZone: true });
  return dt.isValid ? dt.toJSDate() : null;
}

/** Longer than any IANA name (the longest is 32 characters): refused before any lookup. */
export const MAX_TIMEZONE_LENGTH = 64;

/** Canonical names of zones already looked up (a lookup builds an Intl.DateTimeFormat, about 1 ms); bounded like the checks above. */
const CANONICAL_ZONES = new Map<string, string>();

/**
 * The IANA spelling of a timezone luxon knows, whatever its case or alias: `aSiA/jErUsAlEm` → `Asia/Jerusalem`,
 * `utc` and `Etc/UTC` → `UTC`, `US/Pacific` → `America/Los_Angeles`. Null when it is not one (or longer than
 * MAX_TIMEZONE_LENGTH), so that every spelling of one zone is one zone in cache keys, ETags and what is printed.
 */
export function canonicalTimezone(zone: string): string | null {
  if (zone.length === 0 || zone.length > MAX_TIMEZONE_LENGTH) return null;
  const known = CANONICAL_ZONES.get(zone);
  if (known !== undefined) return known;
  if (!IANAZone.isValidZone(zone)) return null;
  const canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  if (CANONICAL_ZONES.size < 1_000) CANONICAL_ZONES.set(zone, canonical);
  return canonical;
}

/** The calendar day (`YYYY-MM-DD`) of an instant in a timezone. */
export function dayInZone(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** "HH:mm" of an instant in a timezone. */
export function timeInZone(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
}

/** Adds whole days to a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** Today's date in a timezone. */
export function today(zone = 'UTC'): string {
  return DateTime.now().setZone(zone).toISODate()!;
}
