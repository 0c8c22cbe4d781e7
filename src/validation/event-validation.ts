import { createHash } from 'node:crypto';
import { dayInZone, PartialDate } from '../dates/partial-date';
import { EventKind } from '../entities/event-kind';
import { LIMITS } from '../entities/limits';
import { DEFAULT_VERIFICATION, Verification } from '../entities/verification';
import { badInput } from '../errors/app-errors';
import * as check from './checks';

export interface ValidSource {
  publisher: string;
  title: string;
  url: string | null;
  publishedOn: string | null;
  /** The document's identity (see `sourceIdentity`). */
  identityKey: string;
}

export interface ValidQuote {
  text: string;
  leader: string | null;
  actor: string | null;
  sourceIndex: number;
  verification: Verification;
}

/** An event input after every check: normalised, with related records still named by slug. */
export interface ValidEvent {
  externalId: string | null;
  date: PartialDate;
  /** Why the date is approximate, or null. */
  dateNote: string | null;
  occurredAt: string | null;
  timezone: string | null;
  title: string;
  summary: string;
  kind: EventKind;
  significance: number;
  verification: Verification;
  fronts: string[];
  /** One of `fronts`, or null. */
  primaryFront: string | null;
  regions: string[];
  leaders: string[];
  actors: string[];
  sources: ValidSource[];
  quotes: ValidQuote[];
  /** Hash of all of the above: an import that would change nothing is recognised and skipped. */
  contentHash: string;
}

export const EVENT_LIMITS = {
  title: LIMITS.eventTitle,
  summary: 20_000,
  quote: 5_000,
  sources: 20,
  quotes: 50,
  links: 50,
  externalId: LIMITS.externalId,
} as const;

const EVENT_KINDS = Object.values(EventKind);
const VERIFICATIONS = Object.values(Verification);

/** How well an event or quote is established: REPORTED when not given. */
function verificationOf(value: unknown, field: string): Verification {
  return check.isPresent(value) ? check.oneOf(value, field, VERIFICATIONS) : DEFAULT_VERIFICATION;
}

/**
 * A source's identity: a SHA-256 of its full normalised URL, or, for a document without one, of its publisher, title
 * and date (ignoring case). The prefixes keep the two kinds apart. The same URL is the same source, whatever
 * publisher or title an input gives it: those are the source's details, and the latest write sets them.
 */
export function sourceIdentity(
  url: string | null,
  publisher: string,
  title: string,
  publishedOn: string | null,
): string {
  const material =
    url !== null ? `url:${url}` : `doc:${publisher.toLowerCase()}|${title.toLowerCase()}|${publishedOn ?? ''}`;
  return createHash('sha256').update(material).digest('hex');
}

export function validateSource(raw: unknown, field: string): ValidSource {
  const input = check.record(raw, field);
  const publisher = check.text(input.publisher, `${field}.publisher`, LIMITS.sourcePublisher);
  const title = check.text(input.title, `${field}.title`, LIMITS.sourceTitle);
  const url = check.optionalUrl(input.url, `${field}.url`);
  const publishedOn = check.optionalDay(input.publishedOn, `${field}.publishedOn`);
  return { publisher, title, url, publishedOn, identityKey: sourceIdentity(url, publisher, title, publishedOn) };
}

function validateQuote(raw: unknown, field: string, sources: readonly ValidSource[]): ValidQuote {
  const input = check.record(raw, field);
  const text = check.text(input.text, `${field}.text`, EVENT_LIMITS.quote, { multiline: true });
  const leader = check.optionalSlug(input.leader, `${field}.leader`);
  const actor = check.optionalSlug(input.actor, `${field}.actor`);
  if ((leader === null) === (actor === null))
    throw badInput(`${field}.leader`, 'a quote needs exactly one speaker: a leader or an actor');
  const verification = verificationOf(input.verification, `${field}.verification`);
  const sourceUrl = check.optionalUrl(input.sourceUrl, `${field}.sourceUrl`);
  if (sourceUrl !== null) {
    if (check.isPresent(input.source))
      throw badInput(`${field}.sourceUrl`, 'give the source by position (source) or by URL (sourceUrl), not both');
    const sourceIndex = sources.findIndex((s) => s.url === sourceUrl);
    if (sourceIndex < 0) throw badInput(`${field}.sourceUrl`, "is not the URL of any of the event's sources");
    return { text, leader, actor, sourceIndex, verification };
  }
  const sourceIndex = check.isPresent(input.source)
    ? check.integer(input.source, `${field}.source`, 0, sources.length - 1)
    : 0;
  return { text, leader, actor, sourceIndex, verification };
}

/** Checks one event input from any path; `field` is the path of the input, e.g. `input` or `events[3]`. */
export function validateEvent(raw: unknown, field: string): ValidEvent {
  const input = check.record(raw, field);
  const externalId = check.optionalText(input.externalId, `${field}.externalId`, EVENT_LIMITS.externalId);
  const date = check.partialDate(input.date, `${field}.date`);
  const dateNote = check.optionalText(input.dateNote, `${field}.dateNote`, LIMITS.dateNote);
  const occurred = check.optionalInstant(input.occurredAt, `${field}.occurredAt`);
  const timezone = check.optionalTimezone(input.timezone, `${field}.timezone`);
  if (occurred !== null) {
    if (date.precision !== 'DAY')
      throw badInput(`${field}.date`, 'must be a full day (YYYY-MM-DD) when occurredAt gives a time');
    const day = dayInZone(occurred, timezone ?? 'UTC');
    if (day !== date.value) {
      throw badInput(`${field}.date`, `is ${date.value} but occurredAt falls on ${day} in ${timezone ?? 'UTC'}`);
    }
  } else if (timezone !== null) {
    throw badInput(`${field}.timezone`, 'is only meaningful with occurredAt');
  }
  const title = check.text(input.title, `${field}.title`, EVENT_LIMITS.title);
  const summary = check.text(input.summary, `${field}.summary`, EVENT_LIMITS.summary, { multiline: true });
  const kind = check.oneOf(input.kind, `${field}.kind`, EVENT_KINDS);
  const significance = check.integer(input.significance, `${field}.significance`, 1, 5);
  const verification = verificationOf(input.verification, `${field}.verification`);
  const fronts = check.slugList(input.fronts, `${field}.fronts`, EVENT_LIMITS.links);
  const primaryFront = check.optionalSlug(input.primaryFront, `${field}.primaryFront`);
  if (primaryFront !== null && !fronts.includes(primaryFront))
    throw badInput(`${field}.primaryFront`, `must be one of the event's fronts (${fronts.join(', ') || 'none given'})`);
  const regions = check.slugList(input.regions, `${field}.regions`, EVENT_LIMITS.links);
  const leaders = check.slugList(input.leaders, `${field}.leaders`, EVENT_LIMITS.links);
  const actors = check.slugList(input.actors, `${field}.actors`, EVENT_LIMITS.links);
  if (!check.isPresent(input.sources)) throw badInput(`${field}.sources`, 'an event needs at least one source');
  const sources = check
    .list(input.sources, `${field}.sources`, 1, EVENT_LIMITS.sources)
    .map((s, i) => validateSource(s, `${field}.sources[${i}]`));
  const quotes = check.isPresent(input.quotes)
    ? check
        .list(input.quotes, `${field}.quotes`, 0, EVENT_LIMITS.quotes)
        .map((q, i) => validateQuote(q, `${field}.quotes[${i}]`, sources))
    : [];
  const valid = {
    externalId,
    date,
    dateNote,
    occurredAt: occurred?.toISOString() ?? null,
    timezone,
    title,
    summary,
    kind,
    significance,
    verification,
    fronts,
    primaryFront,
    regions,
    leaders,
    actors,
    sources,
    quotes,
  };
  // Links are sorted for the hash only: listing the same links in another order is not a change. The default
  // verification is left out, so events hashed before verification existed still match their re-import.
  const { verification: _verification, primaryFront: _primaryFront, dateNote: _dateNote, ...hashed } = valid;
  const canonical = {
    ...hashed,
    ...(dateNote === null ? {} : { dateNote }),
    ...(verification === DEFAULT_VERIFICATION ? {} : { verification }),
    ...(primaryFront === null ? {} : { primaryFront }),
    quotes: quotes.map(({ verification: quoteVerification, ...q }) =>
      quoteVerification === DEFAULT_VERIFICATION ? q : { ...q, verification: quoteVerification },
    ),
    fronts: [...fronts].sort(),
    regions: [...regions].sort(),
    leaders: [...leaders].sort(),
    actors: [...actors].sort(),
  };
  const contentHash = createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
  return { ...valid, contentHash };
}
