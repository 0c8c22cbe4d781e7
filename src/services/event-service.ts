import { Brackets, In, SelectQueryBuilder } from 'typeorm';
import type { Database } from '../db/database';
import { escapeLike } from '../db/dialect';
import { AppError, badInput, notFound } from '../errors/app-errors';
import { Event } from '../entities/event';
import { EventActor, EventFront, EventLeader, EventRegion, EventSource } from '../entities/event-links';
import { EventKind } from '../entities/event-kind';
import { Quote } from '../entities/quote';
import { Source } from '../entities/source';
import * as check from '../validation/checks';
import { validateEvent, ValidEvent, ValidSource } from '../validation/event-validation';
import { foldForSearch } from '../validation/search-text';
import { EventWriter } from '../db/repositories/event-writer';
import type { EventInput, EventPatch, QuoteInput } from './inputs';
import { SlugResolver, SlugKind } from './slug-resolver';
import { Actor } from '../entities/actor';
import { Front } from '../entities/front';
import { Leader } from '../entities/leader';
import { Region } from '../entities/region';

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
  /** Case-insensitive substring of the title or summary. */
  text?: string | null;
}

export interface EventPage {
  events: Event[];
  hasNextPage: boolean;
  /** Runs the count only when a client asks for it. */
  totalCount: () => Promise<number>;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export const MAX_PAGE_SIZE = 100;
export const MAX_IMPORT_BATCH = 10_000;

const LINKS: Record<SlugKind, { table: typeof EventFront | typeof EventRegion | typeof EventLeader | typeof EventActor; column: string }> = {
  front: { table: EventFront, column: 'front_id' },
  region: { table: EventRegion, column: 'region_id' },
  leader: { table: EventLeader, column: 'leader_id' },
  actor: { table: EventActor, column: 'actor_id' },
};

/** The stable order of event lists: newest first, ties broken by id. A cursor is the last row's (date, id). */
export function encodeCursor(event: Pick<Event, 'dateStart' | 'id'>): string {
  return Buffer.from(JSON.stringify([event.dateStart, event.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return [value[0], value[1]];
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('after', 'is not a cursor returned by this API');
}

export class EventService {
  constructor(private readonly db: Database) {}

  async byId(id: string): Promise<Event | null> {
    // A string that cannot be a stored id finds nothing (and a NUL would fail the query on PostgreSQL).
    if (!check.isLookupKey(id, check.ID_MAX_LENGTH)) return null;
    return this.db.manager.findOne(Event, { where: { id } });
  }

  async byIds(ids: readonly string[]): Promise<Event[]> {
    const keys = ids.filter((id) => check.isLookupKey(id, check.ID_MAX_LENGTH));
    return keys.length === 0 ? [] : this.db.manager.find(Event, { where: { id: In(keys) } });
  }

  async list(filter: EventFilter, first: number, after?: string | null): Promise<EventPage> {
    check.integer(first, 'first', 1, MAX_PAGE_SIZE);
    const base = await this.filtered(filter);
    const page = base.clone().orderBy('e.date_start', 'DESC').addOrderBy('e.id', 'DESC').limit(first + 1);
    if (after) {
      const [date, id] = decodeCursor(after);
      page.andWhere(new Brackets((q) => q.where('e.date_start < :cDate', { cDate: date }).orWhere('(e.date_start = :cDate AND e.id < :cId)', { cId: id })));
    }
    const rows = await page.getMany();
    return { events: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: () => base.getCount() };
  }

  private async filtered(filter: EventFilter): Promise<SelectQueryBuilder<Event>> {
    const q = this.db.manager.createQueryBuilder(Event, 'e');
    const from = check.optionalDay(filter.from, 'filter.from');
    const to = check.optionalDay(filter.to, 'filter.to');
    if (from && to && from > to) throw badInput('filter.to', 'must not be before filter.from');
    if (from) q.andWhere('e.date_end >= :from', { from });
    if (to) q.andWhere('e.date_start <= :to', { to });
    const slugs = new SlugResolver(this.db.dialect.maxParameters);
    const wanted: [SlugKind, string[]][] = [
      ['front', check.slugList(filter.fronts, 'filter.fronts')],
      ['region', check.slugList(filter.regions, 'filter.regions')],
      ['leader', check.slugList(filter.leaders, 'filter.leaders')],
      ['actor', check.slugList(filter.actors, 'filter.actors')],
    ];
    for (const [kind, list] of wanted) slugs.wantAll(kind, list, `filter.${kind}s`);
    await slugs.resolve(this.db.manager);
    for (const [kind, list] of wanted) {
      if (list.length === 0) continue;
      const { table, column } = LINKS[kind];
      const param = `${kind}Ids`;
      const sub = q.subQuery().select('l.event_id').from(table, 'l').where(`l.${column} IN (:...${param})`).getQuery();
      q.andWhere(`e.id IN ${sub}`, { [param]: list.map((slug) => slugs.id(kind, slug)) });
    }
    if (filter.kinds && filter.kinds.length > 0) {
      const kinds = filter.kinds.map((k, i) => check.oneOf(k, `filter.kinds[${i}]`, Object.values(EventKind)));
      q.andWhere('e.kind IN (:...kinds)', { kinds });
    }
    if (check.isPresent(filter.minSignificance)) {
      q.andWhere('e.significance >= :minSignificance', { minSignificance: check.integer(filter.minSignificance, 'filter.minSignificance', 1, 5) });
    }
    if (check.isPresent(filter.text)) {
      // Folded like the stored column, then escaped: the same literal, case-blind match on both databases.
      const pattern = `%${escapeLike(foldForSearch(check.text(filter.text, 'filter.text', 200)))}%`;
      q.andWhere("e.search_text LIKE :textPattern ESCAPE '\\'", { textPattern: pattern });
    }
    return q;
  }

  async create(input: EventInput): Promise<Event> {
    const valid = validateEvent(input, 'input');
    const id = await this.db.write(async (manager) => {
      await this.assertExternalIdFree(manager, valid, null, 'input.externalId');
      const [created] = await new EventWriter(manager, this.db.dialect).write([{ event: valid, field: 'input' }]);
      return created;
    });
    return (await this.byId(id))!;
  }

  /**
   * Applies a partial edit. The stored event is read with its row locked, so concurrent edits apply one after the
   * other and none is lost; with `expectedRevision`, an edit based on an older read is refused as CONFLICT.
   */
  async update(id: string, patch: EventPatch, expectedRevision?: number | null): Promise<Event> {
    check.record(patch, 'input');
    const expected = check.isPresent(expectedRevision) ? check.integer(expectedRevision, 'expectedRevision', 1, Number.MAX_SAFE_INTEGER) : null;
    if (!check.isLookupKey(id, check.ID_MAX_LENGTH)) throw notFound(`Event ${JSON.stringify(id.slice(0, 40))}`, 'id');
    const written = await this.db.write(async (manager) => {
      const current = await this.lockEvent(manager, id);
      if (current === null) throw notFound(`Event ${id}`, 'id');
      if (expected !== null && current.revision !== expected) {
        throw new AppError('CONFLICT', `expectedRevision: event ${id} is at revision ${current.revision}, not ${expected}: it changed since it was read. Read it again and reapply the edit.`, 'expectedRevision');
      }
      const { input: stored, sourceKeys } = await this.asInput(manager, current);
      const merged: Record<string, unknown> = { ...stored };
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) merged[key] = value;
      if (patch.sources !== undefined && patch.sources !== null && patch.quotes === undefined) {
        merged.quotes = this.requote(stored, sourceKeys, validateEvent({ ...merged, quotes: [] }, 'input').sources);
      }
      const valid = validateEvent(merged, 'input');
      if (valid.contentHash === current.contentHash) return id;
      await this.assertExternalIdFree(manager, valid, id, 'input.externalId');
      await new EventWriter(manager, this.db.dialect).write([{ event: valid, field: 'input', id }]);
      return id;
    });
    return (await this.byId(written))!;
  }

  async delete(id: string): Promise<boolean> {
    if (!check.isLookupKey(id, check.ID_MAX_LENGTH)) throw notFound(`Event ${JSON.stringify(id.slice(0, 40))}`, 'id');
    return this.db.write(async (manager) => {
      if (await this.lockEvent(manager, id) === null) throw notFound(`Event ${id}`, 'id');
      await new EventWriter(manager, this.db.dialect).delete([id]);
      return true;
    });
  }

  /**
   * Imports events all or nothing: every input is validated first, then one transaction writes them.
   * Events are matched by externalId: new ones are created, changed ones replaced, identical ones left alone.
   */
  async import(inputs: readonly unknown[], field = 'events'): Promise<ImportResult> {
    if (inputs.length > MAX_IMPORT_BATCH) throw badInput(field, `must have at most ${MAX_IMPORT_BATCH} events per call`);
    const valid = inputs.map((input, i) => {
      const event = validateEvent(input, `${field}[${i}]`);
      if (event.externalId === null) throw badInput(`${field}[${i}].externalId`, 'is required for imports, so that importing again changes nothing');
      return event;
    });
    return this.db.write((manager) => this.importValid(manager, valid, field));
  }

  /** The write half of an import, for callers that already validated and hold a transaction. */
  async importValid(manager: import('typeorm').EntityManager, valid: readonly ValidEvent[], field = 'events'): Promise<ImportResult> {
    const byExternalId = new Map<string, number>();
    valid.forEach((event, i) => {
      const previous = byExternalId.get(event.externalId!);
      if (previous !== undefined) throw badInput(`${field}[${i}].externalId`, `repeats ${field}[${previous}].externalId "${event.externalId}"`);
      byExternalId.set(event.externalId!, i);
    });
    const existing = new Map<string, { id: string; contentHash: string }>();
    const externalIds = [...byExternalId.keys()];
    for (let i = 0; i < externalIds.length; i += this.db.dialect.maxParameters) {
      // Locked, so an edit or a deletion of the same events waits for the import (or the import for it).
      const rows = await this.db.dialect.lockForWrite(manager.createQueryBuilder(Event, 'e')
        .select(['e.id', 'e.externalId', 'e.contentHash'])
        .where('e.external_id IN (:...keys)', { keys: externalIds.slice(i, i + this.db.dialect.maxParameters) }))
        .getMany();
      for (const row of rows) existing.set(row.externalId!, row);
    }
    const writes = [];
    let unchanged = 0;
    for (const [i, event] of valid.entries()) {
      const stored = existing.get(event.externalId!);
      if (stored?.contentHash === event.contentHash) unchanged += 1;
      else writes.push({ event, field: `${field}[${i}]`, id: stored?.id });
    }
    await new EventWriter(manager, this.db.dialect).write(writes);
    const updated = writes.filter((w) => w.id !== undefined).length;
    return { created: writes.length - updated, updated, unchanged };
  }

  /** The stored event, its row locked for the rest of the write transaction. */
  private lockEvent(manager: import('typeorm').EntityManager, id: string): Promise<Event | null> {
    return this.db.dialect.lockForWrite(manager.createQueryBuilder(Event, 'e').where('e.id = :id', { id })).getOne();
  }

  private async assertExternalIdFree(manager: import('typeorm').EntityManager, event: ValidEvent, ownId: string | null, field: string): Promise<void> {
    if (event.externalId === null) return;
    const holder = await manager.findOne(Event, { select: { id: true }, where: { externalId: event.externalId } });
    if (holder !== null && holder.id !== ownId) throw badInput(field, `is already used by event ${holder.id}`);
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
        throw badInput('input.sources', `drops the source ${JSON.stringify(source.url ?? source.title)}, which input.quotes[${i}] (${JSON.stringify(excerpt)}) cites; keep that source, or send quotes alongside the sources`);
      }
      return { ...quote, source: index };
    });
  }

  /**
   * The stored event as an input, so a partial edit can be merged and validated like a new one; with the identity
   * of each of its sources, in order.
   */
  private async asInput(manager: import('typeorm').EntityManager, event: Event): Promise<{ input: EventInput; sourceKeys: string[] }> {
    const slugsOf = async (entity: typeof Front | typeof Region | typeof Leader | typeof Actor, link: typeof EventFront | typeof EventRegion | typeof EventLeader | typeof EventActor, column: string): Promise<string[]> => {
      const rows: { slug: string }[] = await manager.createQueryBuilder(entity, 'x')
        .innerJoin(link, 'l', `l.${column} = x.id`).select('x.slug', 'slug').where('l.event_id = :id', { id: event.id }).orderBy('x.slug').getRawMany();
      return rows.map((r) => r.slug);
    };
    const sources = await manager.createQueryBuilder(Source, 's').innerJoin(EventSource, 'es', 'es.source_id = s.id')
      .where('es.event_id = :id', { id: event.id }).orderBy('es.position').getMany();
    const quotes = await manager.find(Quote, { where: { eventId: event.id }, order: { position: 'ASC' } });
    const leaders = await manager.find(Leader, { select: { id: true, slug: true }, where: { id: In(quotes.map((q) => q.speakerLeaderId).filter((x): x is string => x !== null)) } });
    const actors = await manager.find(Actor, { select: { id: true, slug: true }, where: { id: In(quotes.map((q) => q.speakerActorId).filter((x): x is string => x !== null)) } });
    const input: EventInput = {
      externalId: event.externalId, date: event.dateValue, occurredAt: event.occurredAt, timezone: event.timezone,
      title: event.title, summary: event.summary, kind: event.kind, significance: event.significance,
      fronts: await slugsOf(Front, EventFront, 'front_id'),
      regions: await slugsOf(Region, EventRegion, 'region_id'),
      leaders: await slugsOf(Leader, EventLeader, 'leader_id'),
      actors: await slugsOf(Actor, EventActor, 'actor_id'),
      sources: sources.map((s) => ({ publisher: s.publisher, title: s.title, url: s.url, publishedOn: s.publishedOn })),
      quotes: quotes.map((q) => ({
        text: q.text,
        leader: leaders.find((l) => l.id === q.speakerLeaderId)?.slug ?? null,
        actor: actors.find((a) => a.id === q.speakerActorId)?.slug ?? null,
        source: Math.max(0, sources.findIndex((s) => s.id === q.sourceId)),
      })),
    };
    return { input, sourceKeys: sources.map((s) => s.identityKey) };
  }
}
