import { randomUUID } from 'node:crypto';
import { EntityManager, EntityMetadata, In, ObjectLiteral } from 'typeorm';
import { Actor } from '../../entities/actor';
import { ChangeAction, ChangeLogEntry } from '../../entities/change-log';
import { Event } from '../../entities/event';
import { EventActor, EventFront, EventLeader, EventRegion, EventSource } from '../../entities/event-links';
import { EventRevisionRow, RevisionState } from '../../entities/event-revision';
import { Front } from '../../entities/front';
import { Leader } from '../../entities/leader';
import { Quote } from '../../entities/quote';
import { Region } from '../../entities/region';
import { Source } from '../../entities/source';
import type { ValidEvent } from '../../validation/event-validation';
import { eventSearchText } from '../../validation/search-text';
import { chunkRows } from '../chunks';
import type { Dialect } from '../dialect';
import { ChangeSink, ignoreChanges, LoggedChange } from './change-log-repository';
import type { ReferenceKind } from './reference-repository';

/** One event to write: a new one (no `id`) or a replacement of the stored event `id`. */
export interface EventWrite {
  event: ValidEvent;
  /** The input path, so an unknown slug error names the right field. */
  field: string;
  id?: string;
  /** Why the event changed ("correction: wrong date"), recorded with its revision. */
  reason?: string | null;
}

/** The ids of the slugs the written events name, already looked up (and every one known). */
export interface SlugIds {
  id(kind: ReferenceKind, slug: string): string;
  optionalId(kind: ReferenceKind, slug: string | null): string | null;
}

interface PreviousState {
  revision: number;
  dateStart: string;
  dateEnd: string;
  frontSlugs: string;
}

const frontSlugList = (slugs: readonly string[]): string => `,${slugs.join(',')},`;

/**
 * Writes validated events inside a transaction the caller holds: rows, links, shared sources, quotes and the
 * change log, with multi-row statements so that a large import costs a few statements per thousand events.
 */
export class EventWriter {
  /** Sources whose details the last `write` corrected. */
  private correctedSources: string[] = [];

  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
    private readonly logged: ChangeSink = ignoreChanges,
  ) {}

  /**
   * Writes every item, whose slugs `slugs` has resolved; returns the ids in input order. `by` is the API key's name
   * recorded with each revision (null outside the API).
   */
  async write(
    items: readonly EventWrite[],
    slugs: SlugIds,
    by: string | null = null,
    now = new Date().toISOString(),
  ): Promise<string[]> {
    if (items.length === 0) return [];
    const updates = items.filter((item) => item.id !== undefined).map((item) => item.id!);
    const previous = await this.previousState(updates);
    const sourceIds = await this.upsertSources(items);

    if (updates.length > 0) {
      for (const chunk of chunkRows(updates, 1, this.dialect.maxParameters)) {
        for (const link of [EventFront, EventRegion, EventLeader, EventActor, EventSource, Quote]) {
          await this.manager.delete(link, { eventId: In(chunk) });
        }
      }
    }

    const ids = items.map((item) => item.id ?? randomUUID());
    const rows = items.map(({ event }, i) =>
      this.eventRow(ids[i], event, now, slugs.optionalId('front', event.primaryFront)),
    );
    const created = rows.filter((_, i) => items[i].id === undefined);
    await this.insertMany(Event, created);
    for (const [i, item] of items.entries()) {
      if (item.id === undefined) continue;
      const { id: _id, createdAt: _created, revision: _revision, ...changes } = rows[i];
      await this.manager.update(Event, { id: item.id }, { ...changes, revision: () => 'revision + 1' });
    }

    const fronts: EventFront[] = [];
    const regions: EventRegion[] = [];
    const leaders: EventLeader[] = [];
    const actors: EventActor[] = [];
    const eventSources: EventSource[] = [];
    const quotes: Quote[] = [];
    items.forEach(({ event }, i) => {
      const eventId = ids[i];
      for (const slug of event.fronts) fronts.push({ eventId, frontId: slugs.id('front', slug) });
      for (const slug of event.regions) regions.push({ eventId, regionId: slugs.id('region', slug) });
      for (const slug of event.leaders) leaders.push({ eventId, leaderId: slugs.id('leader', slug) });
      for (const slug of event.actors) actors.push({ eventId, actorId: slugs.id('actor', slug) });
      const seen = new Set<string>();
      event.sources.forEach((source, position) => {
        const sourceId = sourceIds.get(source.identityKey)!;
        if (!seen.has(sourceId)) eventSources.push({ eventId, sourceId, position });
        seen.add(sourceId);
      });
      event.quotes.forEach((quote, position) => {
        quotes.push({
          id: randomUUID(),
          eventId,
          text: quote.text,
          position,
          speakerLeaderId: slugs.optionalId('leader', quote.leader),
          speakerActorId: slugs.optionalId('actor', quote.actor),
          sourceId: sourceIds.get(event.sources[quote.sourceIndex].identityKey)!,
          verification: quote.verification,
        });
      });
    });
    await this.insertMany(EventFront, fronts);
    await this.insertMany(EventRegion, regions);
    await this.insertMany(EventLeader, leaders);
    await this.insertMany(EventActor, actors);
    await this.insertMany(EventSource, eventSources);
    await this.insertMany(Quote, quotes);
    // The callers hold each updated event's row lock, so the stored revision plus one is the number just written.
    await this.insertMany(
      EventRevisionRow,
      items.map(({ event, id, reason }, i) => ({
        eventId: ids[i],
        revision: id === undefined ? 1 : previous.get(id)!.revision + 1,
        at: now,
        by,
        reason: reason ?? null,
        state: JSON.stringify(revisionState(event)),
      })),
    );

    const log: LoggedChange[] = [];
    items.forEach(({ event, id }, i) => {
      const action: ChangeAction = id === undefined ? 'CREATED' : 'UPDATED';
      const entry = {
        entityType: 'event' as const,
        entityId: ids[i],
        action,
        changedAt: now,
        title: event.title,
        dateStart: event.date.start,
        dateEnd: event.date.end,
        frontSlugs: frontSlugList(event.fronts),
      };
      log.push(entry);
      const before = id === undefined ? undefined : previous.get(id);
      // A move to another date or front changes the briefing it left as well as the one it joined.
      if (
        before &&
        (before.dateStart !== entry.dateStart ||
          before.dateEnd !== entry.dateEnd ||
          before.frontSlugs !== entry.frontSlugs)
      ) {
        log.push({ ...entry, ...changeFields(before) });
      }
    });
    log.push(...(await this.citingEventsChanged(new Set(ids), by, now)));
    await this.insertMany(ChangeLogEntry, log);
    this.logged(log);
    return ids;
  }

  /**
   * For every other event citing a corrected source, what it shows has changed: a change-log entry, and a revision
   * with its new state.
   */
  private async citingEventsChanged(
    written: ReadonlySet<string>,
    by: string | null,
    now: string,
  ): Promise<LoggedChange[]> {
    if (this.correctedSources.length === 0) return [];
    const citing = new Set<string>();
    for (const chunk of chunkRows(this.correctedSources, 1, this.dialect.maxParameters)) {
      const links = await this.manager.find(EventSource, { select: { eventId: true }, where: { sourceId: In(chunk) } });
      for (const link of links) if (!written.has(link.eventId)) citing.add(link.eventId);
    }
    const others = [...citing].sort();
    // The UPDATE takes each row's lock before its revision is read, so a concurrent edit cannot take the same number.
    for (const chunk of chunkRows(others, 1, this.dialect.maxParameters)) {
      await this.manager.update(Event, { id: In(chunk) }, { revision: () => 'revision + 1', updatedAt: now });
    }
    const state = await this.previousState(others);
    const shown = await this.storedStates(others);
    await this.insertMany(
      EventRevisionRow,
      [...shown.keys()].map((eventId) => ({
        eventId,
        revision: state.get(eventId)!.revision,
        at: now,
        by,
        reason: CITED_SOURCE_CORRECTED,
        state: JSON.stringify(shown.get(eventId)),
      })),
    );
    const entries: LoggedChange[] = [];
    for (const chunk of chunkRows(others, 1, this.dialect.maxParameters)) {
      const events = await this.manager.find(Event, { select: { id: true, title: true }, where: { id: In(chunk) } });
      for (const e of events)
        entries.push({
          entityType: 'event',
          entityId: e.id,
          action: 'UPDATED',
          changedAt: now,
          title: e.title,
          ...changeFields(state.get(e.id)!),
        });
    }
    return entries;
  }

  /**
   * Deletes events (links and quotes go with them) and records each deletion with what it touched, and as a
   * tombstone revision with the `reason` (a retraction) and the key's name `by`.
   */
  async delete(
    ids: readonly string[],
    by: string | null = null,
    reason: string | null = null,
    now = new Date().toISOString(),
  ): Promise<void> {
    const previous = await this.previousState(ids);
    const titles = await this.manager.find(Event, { select: { id: true, title: true }, where: { id: In([...ids]) } });
    for (const chunk of chunkRows(ids, 1, this.dialect.maxParameters)) {
      for (const link of [EventFront, EventRegion, EventLeader, EventActor, EventSource, Quote]) {
        await this.manager.delete(link, { eventId: In(chunk) });
      }
      await this.manager.delete(Event, { id: In(chunk) });
    }
    await this.insertMany(
      EventRevisionRow,
      titles.map((row) => ({
        eventId: row.id,
        revision: previous.get(row.id)!.revision + 1,
        at: now,
        by,
        reason,
        state: null,
      })),
    );
    const log: LoggedChange[] = titles.map((row) => ({
      entityType: 'event' as const,
      entityId: row.id,
      action: 'DELETED' as const,
      changedAt: now,
      title: row.title,
      ...changeFields(previous.get(row.id)!),
    }));
    await this.insertMany(ChangeLogEntry, log);
    this.logged(log);
  }

  private eventRow(id: string, event: ValidEvent, now: string, primaryFrontId: string | null): Event {
    return {
      id,
      externalId: event.externalId,
      dateValue: event.date.value,
      dateStart: event.date.start,
      dateEnd: event.date.end,
      datePrecision: event.date.precision,
      occurredAt: event.occurredAt,
      timezone: event.timezone,
      title: event.title,
      summary: event.summary,
      kind: event.kind,
      significance: event.significance,
      verification: event.verification,
      primaryFrontId,
      dateNote: event.dateNote,
      contentHash: event.contentHash,
      searchText: eventSearchText(event.title, event.summary),
      revision: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Stored events' full states, as a revision records them: a fixed number of statements per chunk of ids. */
  private async storedStates(ids: readonly string[]): Promise<Map<string, RevisionState>> {
    const states = new Map<string, RevisionState>();
    for (const chunk of chunkRows(ids, 1, this.dialect.maxParameters)) {
      const events = await this.manager.find(Event, { where: { id: In(chunk) } });
      const slugs = async (
        link: typeof EventFront | typeof EventRegion | typeof EventLeader | typeof EventActor,
        target: typeof Front | typeof Region | typeof Leader | typeof Actor,
        column: string,
      ): Promise<Map<string, string[]>> => {
        const rows: { event_id: string; slug: string }[] = await this.manager
          .createQueryBuilder(link, 'l')
          .innerJoin(target, 'x', `x.id = l.${column}`)
          .select('l.event_id', 'event_id')
          .addSelect('x.slug', 'slug')
          .where('l.event_id IN (:...chunk)', { chunk })
          .orderBy('x.slug')
          .getRawMany();
        const map = new Map<string, string[]>();
        for (const r of rows) map.set(r.event_id, [...(map.get(r.event_id) ?? []), r.slug]);
        return map;
      };
      const fronts = await slugs(EventFront, Front, 'front_id');
      const primaryIds = [...new Set(events.map((e) => e.primaryFrontId).filter((id): id is string => id !== null))];
      const primaryFronts =
        primaryIds.length === 0 ? [] : await this.manager.find(Front, { where: { id: In(primaryIds) } });
      const primarySlugs = new Map(primaryFronts.map((f) => [f.id, f.slug]));
      const regions = await slugs(EventRegion, Region, 'region_id');
      const leaders = await slugs(EventLeader, Leader, 'leader_id');
      const actors = await slugs(EventActor, Actor, 'actor_id');
      const sources: {
        event_id: string;
        id: string;
        publisher: string;
        title: string;
        url: string | null;
        published_on: string | null;
      }[] = await this.manager
        .createQueryBuilder(EventSource, 'es')
        .innerJoin(Source, 's', 's.id = es.source_id')
        .select('es.event_id', 'event_id')
        .addSelect('s.id', 'id')
        .addSelect('s.publisher', 'publisher')
        .addSelect('s.title', 'title')
        .addSelect('s.url', 'url')
        .addSelect('s.published_on', 'published_on')
        .where('es.event_id IN (:...chunk)', { chunk })
        .orderBy('es.event_id')
        .addOrderBy('es.position')
        .getRawMany();
      const quotes: {
        event_id: string;
        text: string;
        source_id: string;
        leader: string | null;
        actor: string | null;
        verification: string;
      }[] = await this.manager
        .createQueryBuilder(Quote, 'q')
        .leftJoin(Leader, 'pl', 'pl.id = q.speaker_leader_id')
        .leftJoin(Actor, 'pa', 'pa.id = q.speaker_actor_id')
        .select('q.event_id', 'event_id')
        .addSelect('q.text', 'text')
        .addSelect('q.source_id', 'source_id')
        .addSelect('q.verification', 'verification')
        .addSelect('pl.slug', 'leader')
        .addSelect('pa.slug', 'actor')
        .where('q.event_id IN (:...chunk)', { chunk })
        .orderBy('q.event_id')
        .addOrderBy('q.position')
        .getRawMany();
      for (const e of events) {
        const own = sources.filter((x) => x.event_id === e.id);
        states.set(e.id, {
          date: e.dateValue,
          precision: e.datePrecision,
          occurredAt: e.occurredAt,
          timezone: e.timezone,
          title: e.title,
          summary: e.summary,
          kind: e.kind,
          significance: e.significance,
          verification: e.verification,
          primaryFront: e.primaryFrontId === null ? null : (primarySlugs.get(e.primaryFrontId) ?? null),
          dateNote: e.dateNote,
          fronts: fronts.get(e.id) ?? [],
          regions: regions.get(e.id) ?? [],
          leaders: leaders.get(e.id) ?? [],
          actors: actors.get(e.id) ?? [],
          sources: own.map((x) => ({
            publisher: x.publisher,
            title: x.title,
            url: x.url,
            publishedOn: x.published_on,
          })),
          quotes: quotes
            .filter((q) => q.event_id === e.id)
            .map((q) => ({
              text: q.text,
              leader: q.leader,
              actor: q.actor,
              source: Math.max(
                0,
                own.findIndex((x) => x.id === q.source_id),
              ),
              verification: q.verification,
            })),
        });
      }
    }
    return states;
  }

  private async previousState(ids: readonly string[]): Promise<Map<string, PreviousState>> {
    const state = new Map<string, PreviousState>();
    for (const chunk of chunkRows(ids, 1, this.dialect.maxParameters)) {
      const events = await this.manager.find(Event, {
        select: { id: true, dateStart: true, dateEnd: true, revision: true },
        where: { id: In(chunk) },
      });
      for (const e of events)
        state.set(e.id, { revision: e.revision, dateStart: e.dateStart, dateEnd: e.dateEnd, frontSlugs: ',' });
      const links: { event_id: string; slug: string }[] = await this.manager
        .createQueryBuilder(EventFront, 'ef')
        .innerJoin(Front, 'f', 'f.id = ef.front_id')
        .select('ef.event_id', 'event_id')
        .addSelect('f.slug', 'slug')
        .where('ef.event_id IN (:...chunk)', { chunk })
        .orderBy('f.slug')
        .getRawMany();
      for (const link of links) state.get(link.event_id)!.frontSlugs += `${link.slug},`;
    }
    return state;
  }

  /** Finds or creates every source the items cite, by identity; returns identity key → id. */
  private async upsertSources(items: readonly EventWrite[]): Promise<Map<string, string>> {
    const wanted = new Map<string, Source>();
    for (const { event } of items) {
      for (const s of event.sources) {
        // Cited twice with different details: the later citation wins, as a later write would.
        wanted.set(s.identityKey, {
          id: wanted.get(s.identityKey)?.id ?? randomUUID(),
          identityKey: s.identityKey,
          publisher: s.publisher,
          title: s.title,
          url: s.url,
          publishedOn: s.publishedOn,
        });
      }
    }
    const ids = new Map<string, string>();
    const keys = [...wanted.keys()];
    const stale: Source[] = [];
    const lookup = async (): Promise<void> => {
      for (const chunk of chunkRows(
        keys.filter((k) => !ids.has(k)),
        1,
        this.dialect.maxParameters,
      )) {
        const rows = await this.manager.find(Source, { where: { identityKey: In(chunk) } });
        for (const row of rows) {
          ids.set(row.identityKey, row.id);
          const given = wanted.get(row.identityKey)!;
          if (
            given.publisher !== row.publisher ||
            given.title !== row.title ||
            given.url !== row.url ||
            given.publishedOn !== row.publishedOn
          ) {
            stale.push({ ...given, id: row.id });
          }
        }
      }
    };
    await lookup();
    // The same document cited with corrected details: the latest write sets them, for every event that cites it.
    for (const source of stale) {
      await this.manager.update(
        Source,
        { id: source.id },
        { publisher: source.publisher, title: source.title, url: source.url, publishedOn: source.publishedOn },
      );
    }
    this.correctedSources = stale.map((s) => s.id);
    const missing = keys.filter((k) => !ids.has(k)).map((k) => wanted.get(k)!);
    if (missing.length > 0) {
      // Conflicts ignored: a concurrent writer (PostgreSQL) may have added the same source since the lookup. When
      // every row went in, the ids are the ones just made; otherwise the lookup finds the rows that won.
      const inserted = await this.insertMany(Source, missing, { ignoreConflicts: true });
      if (inserted === missing.length) for (const source of missing) ids.set(source.identityKey, source.id);
      else await lookup();
    }
    return ids;
  }

  /**
   * Multi-row INSERTs of `rows`, as few statements as the bind-parameter limit allows. The SQL is built here rather
   * than by TypeORM's InsertQueryBuilder, whose per-value parameter handling cost more than SQLite's work on large
   * imports; the columns still come from the entity's metadata, so there is no second list to keep in step.
   * Returns the rows the database reports inserted (fewer when conflicts were ignored), or undefined if unknown.
   */
  private async insertMany<T extends ObjectLiteral>(
    target: new () => T,
    rows: readonly Partial<T>[],
    options: { ignoreConflicts?: boolean } = {},
  ): Promise<number | undefined> {
    if (rows.length === 0) return 0;
    const runner = this.manager.queryRunner;
    let inserted: number | undefined = 0;
    const plan = insertPlan(this.manager, target);
    const width = plan.columns.length;
    for (const chunk of chunkRows(rows, width, this.dialect.maxParameters)) {
      const params: unknown[] = new Array(chunk.length * width);
      let n = 0;
      for (const row of chunk) {
        for (let c = 0; c < width; c++) {
          const value = (row as Record<string, unknown>)[plan.properties[c]];
          const prepare = plan.prepare[c];
          params[n++] = prepare === null ? (value ?? null) : prepare(value);
        }
      }
      const sql = this.dialect.insertSql(plan.table, plan.columns, chunk.length, options);
      if (runner === undefined) {
        await this.manager.query(sql, params);
        inserted = undefined;
      } else {
        const result = (await runner.query(sql, params, true)) as { affected?: number };
        inserted =
          inserted === undefined || typeof result.affected !== 'number' ? undefined : inserted + result.affected;
      }
    }
    return inserted;
  }
}

/** The reason recorded with the revision of an event whose source another write corrected. */
export const CITED_SOURCE_CORRECTED = 'a source it cites was corrected';

const changeFields = ({ dateStart, dateEnd, frontSlugs }: PreviousState): Omit<PreviousState, 'revision'> => ({
  dateStart,
  dateEnd,
  frontSlugs,
});

/** What a revision records: the event as its GraphQL fields show it, links by slug, quotes citing by position. */
export function revisionState(event: ValidEvent): RevisionState {
  return {
    date: event.date.value,
    precision: event.date.precision,
    occurredAt: event.occurredAt,
    timezone: event.timezone,
    title: event.title,
    summary: event.summary,
    kind: event.kind,
    significance: event.significance,
    verification: event.verification,
    primaryFront: event.primaryFront,
    dateNote: event.dateNote,
    fronts: event.fronts,
    regions: event.regions,
    leaders: event.leaders,
    actors: event.actors,
    sources: event.sources.map((s) => ({
      publisher: s.publisher,
      title: s.title,
      url: s.url,
      publishedOn: s.publishedOn,
    })),
    quotes: event.quotes.map((q) => ({
      text: q.text,
      leader: q.leader,
      actor: q.actor,
      source: q.sourceIndex,
      verification: q.verification,
    })),
  };
}

interface InsertPlan {
  table: string;
  /** Database column names, in the order their values are bound. */
  columns: string[];
  /** The entity property read for each column. */
  properties: string[];
  /** For a column whose value TypeORM would convert (a transformer, a boolean, a date, JSON…): that conversion. */
  prepare: (((value: unknown) => unknown) | null)[];
}

/** Column types whose values go to the database as they are, in both drivers (nothing for TypeORM to convert). */
const PLAIN_TYPES = new Set<unknown>(['varchar', 'character varying', 'text', 'integer', 'int', String, Number]);

const insertPlans = new WeakMap<EntityMetadata, InsertPlan>();

/** What one entity's multi-row INSERT writes, from TypeORM's metadata (database-generated columns left out). */
function insertPlan(manager: EntityManager, target: new () => ObjectLiteral): InsertPlan {
  const metadata = manager.connection.getMetadata(target);
  let plan = insertPlans.get(metadata);
  if (plan !== undefined) return plan;
  const columns = metadata.columns.filter((column) => !column.isGenerated && !column.isVirtual);
  for (const column of columns) {
    if (
      column.embeddedMetadata ||
      column.relationMetadata ||
      column.isCreateDate ||
      column.isUpdateDate ||
      column.isVersion ||
      column.isDeleteDate
    ) {
      throw new Error(`${metadata.name}.${column.propertyName}: EventWriter.insertMany writes plain columns only`);
    }
  }
  const driver = manager.connection.driver;
  plan = {
    table: metadata.tablePath,
    columns: columns.map((column) => column.databaseName),
    properties: columns.map((column) => column.propertyName),
    prepare: columns.map((column) =>
      column.transformer === undefined && PLAIN_TYPES.has(column.type)
        ? null
        : (value: unknown): unknown => (driver.preparePersistentValue(value ?? null, column) as unknown) ?? null,
    ),
  };
  insertPlans.set(metadata, plan);
  return plan;
}
