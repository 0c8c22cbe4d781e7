import { canonicalTimezone, parseDay, parseInstant, parsePartialDate, PartialDate } from '../dates/partial-date';
import { LIMITS } from '../entities/limits';
import { badInput } from '../errors/app-errors';

/*
 * Field checks shared by every input path (GraphQL, CLI import, seeds). Each takes an unknown value and the
 * dotted field path, and returns the clean value or throws BAD_USER_INPUT naming that field.
 */

/** C0 controls but tab, LF and CR; DEL; the C1 controls (NEL, U+0085, among them). */
// eslint-disable-next-line no-control-regex -- finding control characters in input is this expression's purpose
const CONTROL_CHARS = /[\0-\x08\v\f\x0E-\x1F\x7F-\x9F]/;
/**
 * Bidirectional embeddings, overrides and isolates: invisible, they reorder the text around them, so a title can
 * read differently from what it holds. Right-to-left letters need none of them (the layouts set dir=auto).
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
/** Everything that breaks a line: not in single-line text. */
const LINE_BREAKS = /[\n\r\u2028\u2029]/;

const codePoint = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Whether a value looked up by (an id, a slug) could be a stored key at all: no NUL (PostgreSQL text cannot hold
 * one, and would fail the query) and no longer than the column. Anything else finds nothing, without a query.
 */
export function isLookupKey(value: unknown, maxLength: number): boolean {
  return typeof value === 'string' && value.length <= maxLength && !value.includes('\u0000');
}

/** Stored ids are UUIDs, in 36-character columns. */
export const ID_MAX_LENGTH = LIMITS.id;

/** Whether a string has the shape of the UUIDs every stored id is (any case, hyphenated, 36 characters). */
export function isUuid(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length === 36 &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
  );
}

/** The one slug rule: lowercase letters and digits in runs joined by single hyphens, at most LIMITS.slug characters. */
export function isSlug(value: unknown): value is string {
  return typeof value === 'string' && value.length <= LIMITS.slug && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function text(value: unknown, field: string, max: number, opts: { multiline?: boolean } = {}): string {
  if (typeof value !== 'string') throw badInput(field, 'must be a string');
  const trimmed = value.trim();
  if (trimmed === '') throw badInput(field, 'must not be empty');
  if (trimmed.length > max) throw badInput(field, `must be at most ${max} characters (got ${trimmed.length})`);
  // A lone surrogate (JSON allows "\ud800") is not text: it cannot be stored as UTF-8 or shown.
  if (LONE_SURROGATE.test(trimmed))
    throw badInput(field, 'must be well-formed Unicode text (it holds a lone surrogate)');
  const bidi = BIDI_CONTROLS.exec(trimmed);
  if (bidi !== null)
    throw badInput(
      field,
      `must not contain invisible bidirectional control characters (found ${codePoint(bidi[0])}); right-to-left text needs none`,
    );
  const control = CONTROL_CHARS.exec(trimmed) ?? (opts.multiline ? null : LINE_BREAKS.exec(trimmed));
  if (control !== null) {
    const what = `found ${codePoint(control[0])}`;
    throw badInput(
      field,
      opts.multiline
        ? `must not contain control characters (${what})`
        : `must be a single line without control characters (${what})`,
    );
  }
  return trimmed;
}

export function optionalText(
  value: unknown,
  field: string,
  max: number,
  opts: { multiline?: boolean } = {},
): string | null {
  return isPresent(value) ? text(value, field, max, opts) : null;
}

export function slug(value: unknown, field: string): string {
  if (!isSlug(value)) {
    throw badInput(
      field,
      `must be a slug: lowercase letters, digits and single hyphens, at most ${LIMITS.slug} characters`,
    );
  }
  return value;
}

export function optionalSlug(value: unknown, field: string): string | null {
  return isPresent(value) ? slug(value, field) : null;
}

export function slugList(value: unknown, field: string, max = 50): string[] {
  if (!isPresent(value)) return [];
  if (!Array.isArray(value)) throw badInput(field, 'must be a list of slugs');
  if (value.length > max) throw badInput(field, `must have at most ${max} entries`);
  const slugs = value.map((item, i) => slug(item, `${field}[${i}]`));
  return [...new Set(slugs)];
}

export function textList(value: unknown, field: string, maxItems: number, maxLength: number): string[] {
  if (!isPresent(value)) return [];
  if (!Array.isArray(value)) throw badInput(field, 'must be a list of strings');
  if (value.length > maxItems) throw badInput(field, `must have at most ${maxItems} entries`);
  return value.map((item, i) => text(item, `${field}[${i}]`, maxLength));
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badInput(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badInput(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

export function partialDate(value: unknown, field: string): PartialDate {
  const parsed = typeof value === 'string' ? parsePartialDate(value) : null;
  if (parsed === null)
    throw badInput(field, `must be a real date as YYYY-MM-DD, YYYY-MM or YYYY (got ${JSON.stringify(value)})`);
  return parsed;
}

export function optionalPartialDate(value: unknown, field: string): PartialDate | null {
  return isPresent(value) ? partialDate(value, field) : null;
}

export function optionalDay(value: unknown, field: string): string | null {
  if (!isPresent(value)) return null;
  const day = typeof value === 'string' ? parseDay(value) : null;
  if (day === null) throw badInput(field, `must be a real calendar day as YYYY-MM-DD (got ${JSON.stringify(value)})`);
  return day;
}

export function optionalInstant(value: unknown, field: string): Date | null {
  if (!isPresent(value)) return null;
  const instant = typeof value === 'string' ? parseInstant(value) : null;
  if (instant === null)
    throw badInput(field, 'must be an ISO 8601 date-time with an offset, e.g. 2025-11-15T10:30:00Z');
  return instant;
}

export function optionalTimezone(value: unknown, field: string): string | null {
  if (!isPresent(value)) return null;
  const zone = typeof value === 'string' ? canonicalTimezone(value) : null;
  if (zone === null) throw badInput(field, 'must be an IANA timezone such as UTC or Asia/Jerusalem');
  return zone;
}

export function optionalUrl(value: unknown, field: string): string | null {
  if (!isPresent(value)) return null;
  // The raw text may be a little longer than what is stored (`HTTP://X/a/../b` shrinks), never unboundedly.
  const raw = text(value, field, 2 * LIMITS.url);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badInput(field, 'must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badInput(field, 'must be an absolute http or https URL');
  // Source URLs are printed in every briefing: a user name or password in one would be published with it.
  if (url.username !== '' || url.password !== '') throw badInput(field, 'must not contain a user name or password');
  // The normalised URL is what is stored, and percent-encoding makes it longer than the raw text (a space is `%20`).
  const normalised = url.toString();
  if (normalised.length > LIMITS.url) {
    throw badInput(
      field,
      `must be at most ${LIMITS.url} characters once normalised (got ${normalised.length}: spaces and other characters are percent-encoded)`,
    );
  }
  return normalised;
}

export function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(field, 'must be an object');
  return value as Record<string, unknown>;
}

export function list(value: unknown, field: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value)) throw badInput(field, 'must be a list');
  if (value.length < min)
    throw badInput(field, min === 1 ? 'must have at least one entry' : `must have at least ${min} entries`);
  if (value.length > max) throw badInput(field, `must have at most ${max} entries`);
  return value;
}
