import { LRUCache } from 'lru-cache';
import { DEFAULTS } from '../config/config';
import { addDays, canonicalTimezone, MAX_TIMEZONE_LENGTH, parseDay, parseInstant } from '../dates/partial-date';
import type { Database } from '../db/database';
import type { LoggedChange } from '../db/repositories';
import type { ChangeAction } from '../entities/change-log';
import type { Front } from '../entities/front';
import { badInput } from '../errors/app-errors';
import { isSlug } from '../validation/checks';
import type { Briefing } from './briefing';
import { loadBriefingEventsAsOf, loadFrontHistoryAsOf } from './briefing-as-of';
import {
  briefingWindow,
  changeTouchesBriefing,
  composeFronts,
  frontChangeTouchesBriefing,
  loadBriefingEvents,
  loadFrontHistory,
} from './briefing-data';
import { ASSESSMENT_DAYS, composeBriefing, DEFAULT_BACKGROUND_LIMIT } from './compose-briefing';

/** What a client asks for: a day, optionally some fronts (all when omitted), a timezone (UTC when omitted). */
export interface BriefingRequest {
  date: string;
  fronts?: readonly string[] | null;
  timezone?: string | null;
  /** An ISO 8601 instant: the briefing as the data was then (from the revisions); the current data when absent. */
  asOf?: string | null;
}

/** A checked request: fronts sorted and unique (null for all fronts), so equal requests compare equal. */
export interface NormalizedBriefingRequest {
  date: string;
  timezone: string;
  fronts: string[] | null;
  /** The instant as `Date.toISOString()` gives it; null or absent for the current data. */
  asOf?: string | null;
}

/** A composed briefing with what produced it, so renders of it can be cached and changes looked up. */
export interface ComposedBriefing {
  briefing: Briefing;
  request: NormalizedBriefingRequest;
  /** The data's revision (highest change_log id) read before the data was loaded. */
  dataRevision: number;
}

/** An assessment a write created, updated or deleted that leads (or led) a watched briefing's takeaways. */
export interface AssessmentChange {
  assessmentId: string;
  action: ChangeAction;
  /** ISO 8601 instant. */
  changedAt: string;
}

export interface BriefingChange {
  eventId: string;
  action: ChangeAction;
  /** ISO 8601 instant. */
  changedAt: string;
  title: string | null;
}

/** A status period, open issue or context note of a front, written so that a briefing's front state may change. */
export interface FrontRecordChange {
  /** The front's slug. */
  front: string;
  recordId: string;
  action: ChangeAction;
  /** ISO 8601 instant. */
  changedAt: string;
  /** The record's wording as the write left it. */
  text: string | null;
}

/** The front-record changes among log entries, one per record, action and instant, oldest first. */
function frontRecordChanges(entries: readonly LoggedChange[]): FrontRecordChange[] {
  const seen = new Set<string>();
  const changes: FrontRecordChange[] = [];
  for (const entry of entries) {
    const key = `${entry.entityId}|${entry.action}|${entry.changedAt}`;
    if (seen.has(key)) continue;
    seen.add(key);
    changes.push({
      front: (entry.frontSlugs ?? '').split(',').find((slug) => slug !== '') ?? '',
      recordId: entry.entityId,
      action: entry.action,
      changedAt: entry.changedAt,
      text: entry.title,
    });
  }
  return changes;
}

/** A briefing request checked against the stored fronts, held by a subscription to match changes against. */
export interface WatchedBriefing {
  request: NormalizedBriefingRequest;
  /** The stored days whose events touch it (briefingWindow). */
  window: { from: string; to: string };
  /** Its fronts' slugs; null for every front. */
  frontSlugs: string[] | null;
}

/**
 * The changes of log entries, once each: a move to another date or front logs the event twice at the same
 * instant, and a reader is told of it once. Titles are filled in by the caller.
 */
function uniqueChanges(rows: readonly Pick<LoggedChange, 'entityId' | 'action' | 'changedAt'>[]): BriefingChange[] {
  const seen = new Set<string>();
  const changes: BriefingChange[] = [];
  for (const row of rows) {
    const key = `${row.entityId}|${row.action}|${row.changedAt}`;
    if (seen.has(key)) continue;
    seen.add(key);
    changes.push({ eventId: row.entityId, action: row.action, changedAt: row.changedAt, title: null });
  }
  return changes;
}

/** The days whose assessments lead the takeaways of the briefing of `date`: it and the ASSESSMENT_DAYS before. */
function assessmentWindow(date: string): { from: string; to: string } {
  return { from: addDays(date, -ASSESSMENT_DAYS), to: date };
}

/** The instant of a `since` argument; anything else is refused naming it. */
function sinceInstant(since: unknown): Date {
  const instant = typeof since === 'string' ? parseInstant(since) : null;
  if (instant === null)
    throw badInput('since', 'must be an ISO 8601 date-time with an offset, e.g. 2025-11-15T10:30:00Z');
  return instant;
}

export interface BriefingServiceOptions {
  /** Most events the window of one briefing may hold (default DEFAULTS.briefingMaxEvents); more is a BAD_USER_INPUT error. */
  briefingMaxEvents?: number;
  /** Background events per front (default 10). */
  backgroundPerFront?: number;
  /** The clock, for `generatedAt`. */
  now?: () => Date;
}

export interface ComposeOptions {
  /**
   * Called just before a fresh composition starts, never for one served from the cache or already running; what
   * it throws (RATE_LIMITED, for a spent budget) refuses the request before any work. When it answers with a
   * promise (a budget kept in Redis), the composition starts once it resolves.
   */
  onCompose?: () => void | Promise<void>;
  /** The data revision to compose at (an operation's own, read once for all it asks); read here when absent. */
  revision?: () => Promise<number>;
}

/**
 * Composed briefings kept: this many at most, and at most this many events and sources across them (a composed
 * event with its quotes and sources is a few hundred bytes of heap, so this bounds the cache to tens of MB).
 */
const COMPOSED_MAX_ENTRIES = 200;
const COMPOSED_MAX_ITEMS = 50_000;

/** Roughly how much memory a composed briefing holds, in events and sources. */
function composedSize(briefing: Briefing): number {
  let items = 1 + briefing.sources.length;
  for (const section of briefing.sections)
    items += section.today.length + section.recent.length + section.background.length;
  return items;
}

export const MAX_FRONTS_PER_REQUEST = 50;
export const MAX_CHANGES = 1000;

const noop = (): void => undefined;

/** A logged month or year event (start and end differ) whose period had not ended before `date`. */
function isUnfinishedPeriod(row: { dateStart: string | null; dateEnd: string | null }, date: string): boolean {
  return row.dateStart !== null && row.dateEnd !== null && row.dateStart !== row.dateEnd && row.dateEnd >= date;
}

/** Every event the briefing tells or points to. */
function shownEventIds(briefing: Briefing): Set<string> {
  const ids = new Set<string>();
  for (const s of briefing.sections) {
    for (const e of [...s.today, ...s.recent, ...s.alsoReported, ...s.background]) ids.add(e.id);
    for (const r of s.alsoOnThisFront) ids.add(r.eventId);
  }
  return ids;
}

export class BriefingService {
  private readonly maxEvents: number;
  private readonly backgroundPerFront: number;
  private readonly now: () => Date;
  /**
   * Composed briefings by request and data revision, of the newest revision only: a key of an older revision is
   * never asked for again once a newer one has been read, so keeping them would only fill the heap.
   */
  private composedRevision = -1;
  private readonly composedCache = new LRUCache<string, Briefing>({
    max: COMPOSED_MAX_ENTRIES,
    maxSize: COMPOSED_MAX_ITEMS,
    sizeCalculation: composedSize,
  });
  /** Compositions running now, by the same key: a request arriving meanwhile waits for it instead of composing again. */
  private readonly composing = new Map<string, Promise<Briefing>>();
  /** Compositions served from the cache or joined while running, and compositions done. */
  composedHits = 0;
  composedMisses = 0;

  /** How many composed briefings are kept now. */
  get composedCount(): number {
    return this.composedCache.size;
  }

  /** Forgets every composed briefing (benchmarks of the uncached path; tests). */
  clearComposed(): void {
    this.composedCache.clear();
  }

  constructor(
    private readonly db: Database,
    options: BriefingServiceOptions = {},
  ) {
    this.maxEvents = options.briefingMaxEvents ?? DEFAULTS.briefingMaxEvents;
    this.backgroundPerFront = options.backgroundPerFront ?? DEFAULT_BACKGROUND_LIMIT;
    this.now = options.now ?? (() => new Date());
  }

  /** Checks what can be checked without the database: the date, the timezone, the shape of the front list. */
  normalize(request: BriefingRequest): NormalizedBriefingRequest {
    const date = typeof request.date === 'string' ? parseDay(request.date) : null;
    if (date === null)
      throw badInput('date', `must be a real calendar day as YYYY-MM-DD, got ${JSON.stringify(request.date)}`);
    const asked = request.timezone ?? 'UTC';
    const timezone = typeof asked === 'string' ? canonicalTimezone(asked) : null;
    if (timezone === null) {
      const shown =
        typeof asked === 'string' && asked.length > MAX_TIMEZONE_LENGTH
          ? `${asked.length} characters`
          : JSON.stringify(asked);
      throw badInput('timezone', `must be an IANA timezone such as UTC or Asia/Jerusalem, got ${shown}`);
    }
    const asOf = this.normalizeAsOf(request.asOf);
    const extra = asOf === null ? {} : { asOf };
    if (request.fronts === undefined || request.fronts === null) return { date, timezone, fronts: null, ...extra };
    if (request.fronts.length === 0)
      throw badInput('fronts', 'must name at least one front, or be left out for all fronts');
    if (request.fronts.length > MAX_FRONTS_PER_REQUEST)
      throw badInput('fronts', `must name at most ${MAX_FRONTS_PER_REQUEST} fronts`);
    for (const slug of request.fronts) {
      if (!isSlug(slug)) throw badInput('fronts', `unknown front ${JSON.stringify(slug)}`);
    }
    return { date, timezone, fronts: [...new Set(request.fronts)].sort(), ...extra };
  }

  /** An `asOf` in the future would change as writes come in: refused, like one before any data (nothing to show). */
  private normalizeAsOf(asOf: string | null | undefined): string | null {
    if (asOf === undefined || asOf === null) return null;
    const instant = typeof asOf === 'string' ? parseInstant(asOf) : null;
    if (instant === null)
      throw badInput('asOf', 'must be an ISO 8601 date-time with an offset, e.g. 2025-11-15T10:30:00Z');
    if (instant.getTime() > this.now().getTime())
      throw badInput('asOf', `is in the future (${instant.toISOString()}); the data as of then is not known yet`);
    return instant.toISOString();
  }

  /** Refuses an `asOf` before the first revision of any event: there was no data then. */
  private async checkAsOfHasData(asOf: string): Promise<void> {
    const first = await this.db.read.briefingReads.firstRevisionAt();
    if (first === null || asOf < first)
      throw badInput(
        'asOf',
        first === null
          ? 'there is no data yet to read as of an instant'
          : `is before any data (the first was written at ${first})`,
      );
  }

  /**
   * The data's revision: the highest change_log id (0 for an empty log). One cheap statement, shared by callers
   * that arrive together: a caller joins a read only if that read starts after the call (the one already running
   * may have begun before a write the caller has seen), so every caller sees every write that committed before
   * it asked. Under load this is one statement per batch of requests instead of one per request.
   */
  revision(): Promise<number> {
    if (this.revisionRead === undefined) return this.startRevisionRead();
    this.nextRevisionRead ??= this.revisionRead.then(noop, noop).then(() => {
      this.nextRevisionRead = undefined;
      return this.startRevisionRead();
    });
    return this.nextRevisionRead;
  }

  private revisionRead: Promise<number> | undefined;
  private nextRevisionRead: Promise<number> | undefined;

  private startRevisionRead(): Promise<number> {
    const read = this.readRevision();
    this.revisionRead = read;
    const done = (): void => {
      if (this.revisionRead === read) this.revisionRead = undefined;
    };
    read.then(done, done);
    return read;
  }

  private readRevision(): Promise<number> {
    return this.db.read.changeLog.revision();
  }

  async compose(request: BriefingRequest, options: ComposeOptions = {}): Promise<ComposedBriefing> {
    const normalized = this.normalize(request);
    // The revision is read before the data: a write in between makes the cache key older, never the data staler.
    const dataRevision = await (options.revision ?? (() => this.revision()))();
    return { briefing: await this.composeAt(normalized, dataRevision, options), request: normalized, dataRevision };
  }

  /**
   * The briefing of a checked request as of `dataRevision`: from the cache, from a composition of it already
   * running, or composed now (and cached). Only the last costs work, and only it calls `onCompose`.
   */
  composeAt(request: NormalizedBriefingRequest, dataRevision: number, options: ComposeOptions = {}): Promise<Briefing> {
    const key = JSON.stringify([request.date, request.fronts, request.timezone, dataRevision, request.asOf ?? null]);
    const cached = this.composedCache.get(key);
    const running = cached === undefined ? this.composing.get(key) : undefined;
    if (cached !== undefined || running !== undefined) {
      this.composedHits += 1;
      return cached !== undefined ? Promise.resolve(cached) : running!;
    }
    const charged = options.onCompose?.();
    // Charged asynchronously: meanwhile another caller may have started the same composition, which this one joins.
    if (charged instanceof Promise) return charged.then(() => this.composeAt(request, dataRevision));
    this.composedMisses += 1;
    const composition = this.composeNormalized(request).then((briefing) => {
      if (dataRevision > this.composedRevision) {
        this.composedCache.clear();
        this.composedRevision = dataRevision;
      }
      if (dataRevision === this.composedRevision) this.composedCache.set(key, briefing);
      return briefing;
    });
    this.composing.set(key, composition);
    const done = (): void => {
      this.composing.delete(key);
    };
    composition.then(done, done);
    return composition;
  }

  /** Loads and composes a checked request; unknown fronts are a BAD_USER_INPUT error on `fronts`. */
  private async composeNormalized(request: NormalizedBriefingRequest): Promise<Briefing> {
    const all = await this.allFronts();
    const fronts = this.selectFronts(all, request.fronts);
    const frontIds = request.fronts === null ? null : fronts.map((f) => f.id);
    const query = {
      date: request.date,
      frontIds: fronts.map((f) => f.id),
      allFronts: request.fronts === null,
      frontSlugById: new Map(all.map((f) => [f.id, f.slug])),
      maxEvents: this.maxEvents,
      backgroundPerFront: this.backgroundPerFront,
    };
    const reads = this.db.read.briefingReads;
    const asOf = request.asOf ?? null;
    if (asOf !== null) await this.checkAsOfHasData(asOf);
    // As of an instant, the fronts' history too is read from its revisions, so their state is as it stood then.
    const history =
      asOf === null
        ? await loadFrontHistory(this.db.read.frontHistory, frontIds)
        : await loadFrontHistoryAsOf(reads, frontIds, new Map(all.map((f) => [f.slug, f.id])), asOf);
    const { events, assessments, olderEventCounts } =
      asOf === null ? await loadBriefingEvents(reads, query) : await loadBriefingEventsAsOf(reads, query, asOf);
    return composeBriefing({
      date: request.date,
      timezone: request.timezone,
      now: this.now(),
      backgroundLimit: this.backgroundPerFront,
      fronts: composeFronts(fronts, history),
      events,
      assessments,
      olderEventCounts,
    });
  }

  /**
   * Events created, updated or deleted after `since` that touch the briefing: their period overlaps the days the
   * briefing reports as today or recent (with the timezone margin) and they are on one of its fronts; a month or
   * year event not yet over by the date only when the briefing shows it (once a source reports it).
   */
  async changesSince(request: BriefingRequest, since: string): Promise<BriefingChange[]> {
    const scope = await this.changeScope(request, since);
    if (scope === null) return [];
    const { normalized, frontSlugs } = scope;
    const window = briefingWindow(normalized.date);
    const rows = await this.db.read.changeLog.eventChanges({
      since: scope.since,
      from: window.from,
      to: window.to,
      frontSlugs,
      limit: MAX_CHANGES * 2,
    });
    // A month or year event whose period had not ended by the date is in the briefing only once a source reports
    // it; as logged it touches the briefing only if the briefing shows it now.
    const shown = rows.some((row) => isUnfinishedPeriod(row, normalized.date))
      ? shownEventIds((await this.compose(normalized)).briefing)
      : new Set<string>();
    const touching = rows.filter((row) => !isUnfinishedPeriod(row, normalized.date) || shown.has(row.entityId));
    const listed = uniqueChanges(touching).slice(0, MAX_CHANGES);
    // The log keeps every title an event had, the deleted ones' too; a reader sees only what the events show now:
    // the current title, or none for an event that is gone.
    const titles = await this.db.read.events.titles([...new Set(listed.map((c) => c.eventId))]);
    for (const change of listed) change.title = titles.get(change.eventId) ?? null;
    return listed;
  }

  /**
   * Assessments created, updated or deleted after `since` that the briefing leads (or led) its takeaways with, by
   * the rule briefingChanged applies (assessmentChangesTouching): dated, as the write left it, on the briefing's
   * date or in the ASSESSMENT_DAYS before, on one of its fronts. Oldest first.
   */
  async assessmentChangesSince(request: BriefingRequest, since: string): Promise<AssessmentChange[]> {
    const scope = await this.changeScope(request, since);
    if (scope === null) return [];
    const { normalized, frontSlugs } = scope;
    const rows = await this.db.read.changeLog.assessmentChanges({
      since: scope.since,
      ...assessmentWindow(normalized.date),
      frontSlugs,
      limit: MAX_CHANGES * 2,
    });
    return uniqueChanges(rows)
      .slice(0, MAX_CHANGES)
      .map((c) => ({ assessmentId: c.eventId, action: c.action, changedAt: c.changedAt }));
  }

  /**
   * Status periods, open issues and context notes written after `since` that may change the briefing's front
   * state: on one of its fronts, holding on its date before or after the write. Oldest first.
   */
  async frontChangesSince(request: BriefingRequest, since: string): Promise<FrontRecordChange[]> {
    const scope = await this.changeScope(request, since);
    if (scope === null) return [];
    const { normalized, frontSlugs } = scope;
    const rows = await this.db.read.changeLog.frontChanges({
      since: scope.since,
      date: normalized.date,
      frontSlugs,
      limit: MAX_CHANGES,
    });
    return frontRecordChanges(rows);
  }

  /**
   * What a change query reads: the checked request, `since` as an ISO instant, and the fronts' slugs (null for
   * every front); null when the request selects no front, so nothing can have changed.
   */
  private async changeScope(
    request: BriefingRequest,
    since: string,
  ): Promise<{ normalized: NormalizedBriefingRequest; since: string; frontSlugs: string[] | null } | null> {
    const normalized = this.normalize(request);
    const instant = sinceInstant(since);
    const slugs = this.selectFronts(await this.allFronts(), normalized.fronts).map((f) => f.slug);
    if (slugs.length === 0) return null;
    return { normalized, since: instant.toISOString(), frontSlugs: normalized.fronts === null ? null : slugs };
  }

  /** Checks a request for a subscription: the date, timezone and fronts as for a briefing, unknown fronts refused. */
  async watch(request: BriefingRequest): Promise<WatchedBriefing> {
    const normalized = this.normalize(request);
    const slugs = this.selectFronts(await this.allFronts(), normalized.fronts).map((f) => f.slug);
    return {
      request: normalized,
      window: briefingWindow(normalized.date),
      frontSlugs: normalized.fronts === null ? null : slugs,
    };
  }

  /**
   * The changes among one committed write's log entries that touch the watched briefing, by the rule changesSince
   * applies to the stored log; titles as the write left them (none for a deleted event).
   */
  changesTouching(watched: WatchedBriefing, entries: readonly LoggedChange[]): BriefingChange[] {
    const touching = entries.filter((entry) => changeTouchesBriefing(entry, watched.window, watched.frontSlugs));
    const titles = new Map(touching.map((entry) => [entry.entityId, entry.title]));
    return uniqueChanges(touching).map((change) => ({
      ...change,
      title: change.action === 'DELETED' ? null : (titles.get(change.eventId) ?? null),
    }));
  }

  /**
   * The assessments among one committed write's log entries that the watched briefing leads its takeaways with:
   * dated on its date or in the ASSESSMENT_DAYS before, on one of its fronts (any front when it has every front).
   */
  assessmentChangesTouching(watched: WatchedBriefing, entries: readonly LoggedChange[]): AssessmentChange[] {
    const { from, to } = assessmentWindow(watched.request.date);
    const seen = new Set<string>();
    const changes: AssessmentChange[] = [];
    for (const entry of entries) {
      if (entry.entityType !== 'assessment' || entry.dateStart === null) continue;
      if (entry.dateStart < from || entry.dateStart > to) continue;
      const on = entry.frontSlugs ?? ',';
      if (watched.frontSlugs !== null && !watched.frontSlugs.some((slug) => on.includes(`,${slug},`))) continue;
      const key = `${entry.entityId}|${entry.action}|${entry.changedAt}`;
      if (seen.has(key)) continue;
      seen.add(key);
      changes.push({ assessmentId: entry.entityId, action: entry.action, changedAt: entry.changedAt });
    }
    return changes;
  }

  /** The front records among one committed write's log entries that may change the watched briefing (see above). */
  frontChangesTouching(watched: WatchedBriefing, entries: readonly LoggedChange[]): FrontRecordChange[] {
    return frontRecordChanges(
      entries.filter((entry) => frontChangeTouchesBriefing(entry, watched.request.date, watched.frontSlugs)),
    );
  }

  private allFronts(): Promise<Front[]> {
    return this.db.read.fronts.list();
  }

  private selectFronts(all: Front[], wanted: string[] | null): Front[] {
    if (wanted === null) return all;
    const known = new Set(all.map((f) => f.slug));
    const unknown = wanted.filter((slug) => !known.has(slug));
    if (unknown.length > 0) {
      throw badInput(
        'fronts',
        `unknown front${unknown.length > 1 ? 's' : ''} ${unknown.map((s) => `"${s}"`).join(', ')}; known fronts: ${all.map((f) => f.slug).join(', ')}`,
      );
    }
    return all.filter((f) => wanted.includes(f.slug));
  }
}
