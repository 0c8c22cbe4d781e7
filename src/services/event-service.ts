import type { Database } from '../db/database';
import type { Repositories, Transaction } from '../db/repositories';
import type { EventQuery } from '../db/repositories/event-repository';
import type { EventWrite } from '../db/repositories/event-writer';
import type { PageWindow } from '../db/repositories/paging';
import { Event } from '../entities/event';
import { EventKind } from '../entities/event-kind';
import type { EventRevisionRow } from '../entities/event-revision';
import { LIMITS } from '../entities/limits';
import { Verification } from '../entities/verification';
import { AppError, badInput, notFound } from '../errors/app-errors';
import * as check from '../validation/checks';
import { validateEvent, ValidEvent, ValidSource } from '../validation/event-validation';
import type { EventInput, EventPatch, QuoteInput } from '../validation/inputs';
import { decodeCursor, encodeCursor } from '../validation/page-cursor';
import { foldForSearch } from '../validation/search-text';
import { SlugResolver, SlugKind } from './slug-resolver';

export interface EventFilter {
  /** Events whose period ends on or after this day. */
  from?: string | null;
  /** Events whose period starts on or before this day. */
  to?: string | null;
  fronts?: string[] | null;
  regions?: string[] | null;
  leaders?: string[] | null;
  actors?: string[] | null;
  kinds?: EventKind[] | null;
  minSignificance?: number | null;
  /** Events of any of these verifications. */
  verification?: Verification[] | null;
  /** Case-insensitive substring of the title or summary. */
  text?: string | null;
}

/** Relay's paging arguments: `first` events after `after`, or the `last` before `before`. */
export interface EventPaging {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface EventPage {
  /** In list order (newest first) whichever way the page was read. */
  events: Event[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Runs the count only when a client asks for it. */
  totalCount: () => Promise<number>;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_IMPORT_BATCH = 10_000;

/** Resolves every slug the events name, so an unknown one is refused naming its field before anything is written. */
async function resolveEventSlugs(repositories: Repositories, items: readonly EventWrite[]): Promise<SlugResolver> {
  const slugs = new SlugResolver();
  for (const { event, field } of items) {
    slugs.wantAll('front', event.fronts, `${field}.fronts`);
    slugs.wantAll('region', event.regions, `${field}.regions`);
    slugs.wantAll('leader', event.leaders, `${field}.leaders`);
    slugs.wantAll('actor', event.actors, `${field}.actors`);
    event.quotes.forEach((q, i) => {
      slugs.want('leader', q.leader, `${field}.quotes[${i}].leader`);
      slugs.want('actor', q.actor, `${field}.quotes[${i}].actor`);
    });
  }
  await slugs.resolve(repositories);
  return slugs;
}

/** Writes the events through the transaction's repository; returns their ids in input order. */
async function writeEvents(tx: Transaction, items: readonly EventWrite[], by: string | null): Promise<string[]> {
  if (items.length === 0) return [];
  return tx.events.write(items, await resolveEventSlugs(tx, items), by);
}

/** The optional `reason` of a correction or retraction: one line, trimmed, bounded. */
function revisionReason(reason: unknown): string | null {
  return check.optionalText(reason, 'reason', LIMITS.revisionReason);
}

/** The stable order of event lists: newest first, ties broken by id. A cursor is a row's (date, id). */
export function eventCursor(event: Pick<Event, 'dateStart' | 'id'>): string {
  return encodeCursor([event.dateStart, event.id]);
}

export class EventService {
  constructor(private readonly db: Database) {}

  async byId(id: string): Promise<Event | null> {
    // A string that cannot be a stored id finds nothing, without a query (see isLookupKey).
    if (!check.isLookupKey(id, check.ID_MAX_LENGTH)) return null;
    return this.db.read.events.byId(id);
  }

  async byIds(ids: readonly string[]): Promise<Event[]> {
    const keys = ids.filter((id) => check.isLookupKey(id, check.ID_MAX_LENGTH));
    return this.db.read.events.byIds(keys);
  }

  async list(filter: EventFilter, paging: EventPaging = {}): Promise<EventPage> {
    const { first, last } = paging;
    if (first != null && last != null) {
      throw badInput(
        'last',
        'cannot be given with first: page forwards with first and after, backwards with last and before',
      );
    }
    if (first != null) check.integer(first, 'first', 1, MAX_PAGE_SIZE);
    if (last != null) check.integer(last, 'last', 1, MAX_PAGE_SIZE);
    const window: PageWindow = {
      size: first ?? last ?? DEFAULT_PAGE_SIZE,
      backward: last != null,
      after: decodeCursor(paging.after, 'after'),
      before: decodeCursor(paging.before, 'before'),
    };
    const query = await this.checkedQuery(filter);
    return this.db.read.events.page(query, window);
  }

  /** The filter checked, its slugs turned into ids (an unknown one is BAD_USER_INPUT naming it). */
  private async checkedQuery(filter: EventFilter): Promise<EventQuery> {
    const from = check.optionalDay(filter.from, 'filter.from');
    const to = check.optionalDay(filter.to, 'filter.to');
    if (from && to && from > to) throw badInput('filter.to', 'must not be before filter.from');
    const slugs = new SlugResolver();
    const wanted: [SlugKind, string[]][] = [
      ['front', check.slugList(filter.fronts, 'filter.fronts')],
      ['region', check.slugList(filter.regions, 'filter.regions')],
      ['leader', check.slugList(filter.leaders, 'filter.leaders')],
      ['actor', check.slugList(filter.actors, 'filter.actors')],
    ];
    for (const [kind, list] of wanted) slugs.wantAll(kind, list, `filter.${kind}s`);
    await slugs.resolve(this.db.read);
    const linkedTo: EventQuery['linkedTo'] = {};
    for (const [kind, list] of wanted) linkedTo[kind] = list.map((slug) => slugs.id(kind, slug));
    const kinds =
      filter.kinds && filter.kinds.length > 0
        ? filter.kinds.map((k, i) => check.oneOf(k, `filter.kinds[${i}]`, Object.values(EventKind)))
        : [];
    const verification =
      filter.verification && filter.verification.length > 0
        ? filter.verification.map((v, i) => check.oneOf(v, `filter.verification[${i}]`, Object.values(Verification)))
        : [];
    const minSignificance = check.isPresent(filter.minSignificance)
      ? check.integer(filter.minSignificance, 'filter.minSignificance', 1, 5)
      : null;
    // Folded like the stored column: the same literal, case-blind match on both databases.
    const text = check.isPresent(filter.text) ? foldForSearch(check.text(filter.text, 'filter.text', 200)) : null;
    return { from, to, linkedTo, kinds, verification, minSignificance, text };
  }

  /** The revisions of each event, deleted ones included, oldest first. */
  revisions(eventIds: readonly string[]): Promise<Map<string, EventRevisionRow[]>> {
    return this.db.read.events.revisions(eventIds.filter((id) => check.isLookupKey(id, check.ID_MAX_LENGTH)));
  }

  /** `by` is the API key's name, recorded with the revision (null outside the API). */
  async create(input: EventInput, by: string | null = null): Promise<Event> {
    const valid = validateEvent(input, 'input');
    const id = await this.db.write(async (tx) => {
      await this.assertExternalIdFree(tx, valid, null, 'input.externalId');
      const [created] = await writeEvents(tx, [{ event: valid, field: 'input' }], by);
      return created;
    });
    return (await this.byId(id))!;
  }

  /**
   * Applies a partial edit. The stored event is read with its row locked, so concurrent edits apply one after the
   * other and none is lost; with `expectedRevision`, an edit based on an older read is refused as CONFLICT.
   */
  async update(
    id: string,
    patch: EventPatch,
    expectedRevision?: number | null,
    reason?: string | null,
    by: string | null = null,
  ): Promise<Event> {
    check.record(patch, 'input');
    const why = revisionReason(reason);
    const expected = check.isPresent(expectedRevision)
      ? check.integer(expectedRevision, 'expectedRevision', 1, Number.MAX_SAFE_INTEGER)
      : null;
    if (!check.isLookupKey(id, check.ID_MAX_LENGTH)) throw notFound(`Event ${JSON.stringify(id.slice(0, 40))}`, 'id');
    const written = await this.db.write(async (tx) => {
      const current = await tx.events.lock(id);
      if (current === null) throw notFound(`Event ${id}`, 'id');
      if (expected !== null && current.revision !== expected) {
        throw new AppError(
          'CONFLICT',
          `expectedRevision: event ${id} is at revision ${current.revision}, not ${expected}: it changed since it was read. Read it again and reapply the edit.`,
          'expectedRevision',
        );
      }
      const { input: stored, sourceKeys } = await this.asInput(tx, current);
      const merged: Record<string, unknown> = { ...stored };
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) merged[key] = value;
      // New fronts without the stored primary front, and no new one given: the event has none until told again.
      const fronts = Array.isArray(merged.fronts) ? (merged.fronts as unknown[]) : [];
      if (patch.primaryFront === undefined && !fronts.includes(merged.primaryFront)) merged.primaryFront = null;
      if (patch.sources !== undefined && patch.sources !== null && patch.quotes === undefined) {
        merged.quotes = this.requote(stored, sourceKeys, validateEvent({ ...merged, quotes: [] }, 'input').sources);
      }
      const valid = validateEvent(merged, 'input');
      if (valid.contentHash === current.contentHash) return id;
      await this.assertExternalIdFree(tx, valid, id, 'input.externalId');
      await writeEvents(tx, [{ event: valid, field: 'input', id, reason: why }], by);
      return id;
    });
    return (await this.byId(written))!;
  }

  /** `reason` says why (a retraction), recorded with the tombstone revision. */
  async delete(id: string, reason?: string | null, by: string | null = null): Promise<boolean> {
    const why = revisionReason(reason);
    if (!check.isLookupKey(id, check.ID_MAX_LENGTH)) throw notFound(`Event ${JSON.stringify(id.slice(0, 40))}`, 'id');
    return this.db.write(async (tx) => {
      if ((await tx.events.lock(id)) === null) throw notFound(`Event ${id}`, 'id');
      await tx.events.delete([id], by, why);
      return true;
    });
  }

  /**
   * Imports events all or nothing: every input is validated first, then one transaction writes them.
   * Events are matched by externalId: new ones are created, changed ones replaced, identical ones left alone.
   */
  async import(inputs: readonly unknown[], field = 'events', by: string | null = null): Promise<ImportResult> {
    if (inputs.length > MAX_IMPORT_BATCH)
      throw badInput(field, `must have at most ${MAX_IMPORT_BATCH} events per call`);
    const valid = inputs.map((input, i) => {
      const event = validateEvent(input, `${field}[${i}]`);
      if (event.externalId === null)
        throw badInput(`${field}[${i}].externalId`, 'is required for imports, so that importing again changes nothing');
      return event;
    });
    return this.db.write((tx) => this.importValid(tx, valid, field, by));
  }

  /** The write half of an import, for callers that already validated and hold a transaction. */
  async importValid(
    tx: Transaction,
    valid: readonly ValidEvent[],
    field = 'events',
    by: string | null = null,
  ): Promise<ImportResult> {
    const byExternalId = new Map<string, number>();
    valid.forEach((event, i) => {
      const previous = byExternalId.get(event.externalId!);
      if (previous !== undefined)
        throw badInput(`${field}[${i}].externalId`, `repeats ${field}[${previous}].externalId "${event.externalId}"`);
      byExternalId.set(event.externalId!, i);
    });
    // Locked, so an edit or a deletion of the same events waits for the import (or the import for it).
    const existing = await tx.events.lockByExternalIds([...byExternalId.keys()]);
    const writes: EventWrite[] = [];
    let unchanged = 0;
    for (const [i, event] of valid.entries()) {
      const stored = existing.get(event.externalId!);
      if (stored?.contentHash === event.contentHash) unchanged += 1;
      else writes.push({ event, field: `${field}[${i}]`, id: stored?.id });
    }
    await writeEvents(tx, writes, by);
    const updated = writes.filter((w) => w.id !== undefined).length;
    return { created: writes.length - updated, updated, unchanged };
  }

  private async assertExternalIdFree(
    tx: Transaction,
    event: ValidEvent,
    ownId: string | null,
    field: string,
  ): Promise<void> {
    if (event.externalId === null) return;
    const holder = await tx.events.idWithExternalId(event.externalId);
    if (holder !== null && holder !== ownId) throw badInput(field, `is already used by event ${holder}`);
  }

  /**
   * The stored quotes, each citing the same source (by identity) in the new source list. A quote whose source the
   * list drops is the client's to resolve: the error names the field it sent and the quote that still cites it.
   */
  private requote(stored: EventInput, storedKeys: readonly string[], sources: readonly ValidSource[]): QuoteInput[] {
    return (stored.quotes ?? []).map((quote, i) => {
      const key = storedKeys[quote.source ?? 0];
      const index = sources.findIndex((s) => s.identityKey === key);
      if (index < 0) {
        const source = stored.sources[quote.source ?? 0];
        const excerpt = quote.text.length > 60 ? `${quote.text.slice(0, 60)}…` : quote.text;
        throw badInput(
          'input.sources',
          `drops the source ${JSON.stringify(source.url ?? source.title)}, which input.quotes[${i}] (${JSON.stringify(excerpt)}) cites; keep that source, or send quotes alongside the sources`,
        );
      }
      return { ...quote, source: index };
    });
  }

  /**
   * The stored event as an input, so a partial edit can be merged and validated like a new one; with the identity
   * of each of its sources, in order.
   */
  private async asInput(tx: Transaction, event: Event): Promise<{ input: EventInput; sourceKeys: string[] }> {
    const { slugs, sources, quotes, leaderSlugs, actorSlugs, primaryFront } = await tx.events.storedParts(event.id);
    const input: EventInput = {
      externalId: event.externalId,
      date: event.dateValue,
      dateNote: event.dateNote,
      occurredAt: event.occurredAt,
      timezone: event.timezone,
      title: event.title,
      summary: event.summary,
      kind: event.kind,
      significance: event.significance,
      verification: event.verification,
      fronts: slugs.front,
      primaryFront,
      regions: slugs.region,
      leaders: slugs.leader,
      actors: slugs.actor,
      sources: sources.map((s) => ({ publisher: s.publisher, title: s.title, url: s.url, publishedOn: s.publishedOn })),
      quotes: quotes.map((q) => ({
        text: q.text,
        leader: (q.speakerLeaderId === null ? undefined : leaderSlugs.get(q.speakerLeaderId)) ?? null,
        actor: (q.speakerActorId === null ? undefined : actorSlugs.get(q.speakerActorId)) ?? null,
        source: Math.max(
          0,
          sources.findIndex((s) => s.id === q.sourceId),
        ),
        verification: q.verification,
      })),
    };
    return { input, sourceKeys: sources.map((s) => s.identityKey) };
  }
}
