import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { addDays } from '../dates/partial-date';
import type { DatePrecision } from '../dates/partial-date';
import { Actor } from '../entities/actor';
import { Event } from '../entities/event';
import { EventActor, EventFront, EventLeader, EventSource } from '../entities/event-links';
import { Leader } from '../entities/leader';
import { Quote } from '../entities/quote';
import { Source } from '../entities/source';
import { badInput } from '../errors/app-errors';
import { chunkRows } from '../db/chunks';
import { BACKGROUND_MIN_SIGNIFICANCE, ComposeActor, ComposeEvent, ComposeLeader, ComposeSource, RECENT_DAYS } from './compose-briefing';

/**
 * Loads the candidate events of one briefing as plain compose data, with a fixed number of statements however
 * many events there are: one for the events of the window around the date, one for the background, then one per
 * kind of link (fronts, leaders, actors, sources, quotes with their speakers), chunked only past the database's
 * bind-parameter limit (and the background past BACKGROUND_FRONTS_PER_STATEMENT fronts).
 */

/**
 * Days either side of the window an event's stored day may lie from its day in the briefing's timezone
 * (UTC offsets span -12:00 to +14:00, so a stored day can be up to two calendar days away).
 */
export const TIMEZONE_MARGIN_DAYS = 2;

/** Fronts whose background one statement loads (one compound-SELECT part each; SQLite allows 500 parts). */
export const BACKGROUND_FRONTS_PER_STATEMENT = 250;

export interface BriefingDataQuery {
  date: string;
  /** Ids of the requested fronts; id → slug of every front, for the events' front lists. */
  frontIds: string[];
  /** True when `frontIds` is every front. */
  allFronts: boolean;
  frontSlugById: ReadonlyMap<string, string>;
  /** More events than this in the window is refused rather than loaded. */
  maxEvents: number;
  backgroundPerFront: number;
  maxParameters: number;
}

/** The first and last stored day an event of the briefing's today or recent window can have. */
export function briefingWindow(date: string): { from: string; to: string } {
  return { from: addDays(date, -RECENT_DAYS - TIMEZONE_MARGIN_DAYS), to: addDays(date, TIMEZONE_MARGIN_DAYS) };
}

interface PersonRow {
  event_id: string;
  slug: string;
  name: string;
}

export async function loadBriefingEvents(manager: EntityManager, q: BriefingDataQuery): Promise<ComposeEvent[]> {
  if (q.frontIds.length === 0) return [];
  const window = briefingWindow(q.date);
  const eventFronts = manager.connection.getMetadata(EventFront).tablePath;
  // EXISTS rather than `e.id IN (events of the fronts)`: with IN, SQLite walked every event of the fronts (all of
  // them, for a briefing of all fronts) and looked each up; with EXISTS it scans the date index over the window.
  // Every front: any event on a front, one condition however many fronts there are (fronts are never deleted).
  const onFronts = q.allFronts ? '' : ' AND ef.front_id IN (:...frontIds)';
  const windowQuery = manager.createQueryBuilder(Event, 'e')
    .where(`EXISTS (SELECT 1 FROM ${eventFronts} ef WHERE ef.event_id = e.id${onFronts})`, q.allFronts ? {} : { frontIds: q.frontIds })
    .andWhere("e.date_precision = 'DAY'")
    .andWhere('e.date_start >= :from AND e.date_start <= :to', window)
    .orderBy('e.date_start', 'DESC')
    .addOrderBy('e.id', 'DESC')
    .limit(q.maxEvents + 1)
    .getMany();

  // Background: each front's newest significant events before the window (or known only to the month or year).
  // One part per front, newest first with a LIMIT, so each walks the date index back from the date and stops after
  // `backgroundPerFront` matches (a ROW_NUMBER() over every significant event of the fronts read them all). SQLite
  // allows 500 parts in one compound SELECT, so the fronts go BACKGROUND_FRONTS_PER_STATEMENT to a statement.
  const eventsTable = manager.connection.getMetadata(Event).tablePath;
  const backgroundPart = (i: number): string => `SELECT b${i}.id FROM (SELECT be.id AS id FROM ${eventsTable} be`
    + ` WHERE EXISTS (SELECT 1 FROM ${eventFronts} bf WHERE bf.event_id = be.id AND bf.front_id = :front${i})`
    + ' AND be.significance >= :minSignificance AND be.date_start <= :date'
    + " AND (be.date_precision <> 'DAY' OR be.date_start < :from)"
    + ` ORDER BY be.date_start DESC, be.id DESC LIMIT :perFront) b${i}`;
  const backgroundQueries = chunkRows(q.frontIds, 1, BACKGROUND_FRONTS_PER_STATEMENT).map((fronts) => manager
    .createQueryBuilder(Event, 'e')
    .where(`e.id IN (${fronts.map((_, i) => backgroundPart(i)).join(' UNION ALL ')})`)
    .setParameters({
      ...Object.fromEntries(fronts.map((id, i) => [`front${i}`, id])),
      minSignificance: BACKGROUND_MIN_SIGNIFICANCE, date: q.date, from: window.from, perFront: q.backgroundPerFront,
    })
    .getMany());
  // The statements are independent: issued together, the database works on one while the results of another are
  // turned into objects (SQLite runs them off the main thread; PostgreSQL on separate pooled connections).
  const [windowEvents, ...backgroundParts] = await Promise.all([windowQuery, ...backgroundQueries]);
  const backgroundEvents = backgroundParts.flat();
  if (windowEvents.length > q.maxEvents) {
    throw badInput('fronts', `the briefing of ${q.date} would hold more than ${q.maxEvents} events; ask for fewer fronts`);
  }

  const events = new Map<string, Event>();
  for (const e of [...windowEvents, ...backgroundEvents]) events.set(e.id, e);
  const ids = [...events.keys()];
  if (ids.length === 0) return [];

  const byChunks = async <T>(load: (chunk: string[]) => Promise<T[]>): Promise<T[]> => {
    const rows: T[] = [];
    for (const chunk of chunkRows(ids, 1, q.maxParameters - 10)) rows.push(...(await load(chunk)));
    return rows;
  };
  const raw = <T>(qb: SelectQueryBuilder<ObjectLiteral>): Promise<T[]> => qb.getRawMany<T>();

  const frontRowsLoading = byChunks((chunk) => raw<{ event_id: string; front_id: string }>(
    manager.createQueryBuilder(EventFront, 'l').select('l.event_id', 'event_id').addSelect('l.front_id', 'front_id').where('l.event_id IN (:...chunk)', { chunk }),
  ));
  const leaderRowsLoading = byChunks((chunk) => raw<PersonRow & { office: string; tenure_end: string | null }>(
    manager.createQueryBuilder(EventLeader, 'l').innerJoin(Leader, 'p', 'p.id = l.leader_id')
      .select('l.event_id', 'event_id').addSelect('p.slug', 'slug').addSelect('p.name', 'name').addSelect('p.office', 'office').addSelect('p.tenure_end', 'tenure_end')
      .where('l.event_id IN (:...chunk)', { chunk }),
  ));
  const actorRowsLoading = byChunks((chunk) => raw<PersonRow & { kind: string }>(
    manager.createQueryBuilder(EventActor, 'l').innerJoin(Actor, 'p', 'p.id = l.actor_id')
      .select('l.event_id', 'event_id').addSelect('p.slug', 'slug').addSelect('p.name', 'name').addSelect('p.kind', 'kind')
      .where('l.event_id IN (:...chunk)', { chunk }),
  ));
  const sourceRowsLoading = byChunks((chunk) => raw<{ event_id: string; position: number; id: string; publisher: string; title: string; url: string | null; published_on: string | null }>(
    manager.createQueryBuilder(EventSource, 'l').innerJoin(Source, 's', 's.id = l.source_id')
      .select('l.event_id', 'event_id').addSelect('l.position', 'position').addSelect('s.id', 'id').addSelect('s.publisher', 'publisher')
      .addSelect('s.title', 'title').addSelect('s.url', 'url').addSelect('s.published_on', 'published_on')
      .where('l.event_id IN (:...chunk)', { chunk }),
  ));
  const quoteRowsLoading = byChunks((chunk) => raw<{
    event_id: string; position: number; text: string; source_id: string;
    leader_slug: string | null; leader_name: string | null; leader_office: string | null; leader_tenure_end: string | null;
    actor_slug: string | null; actor_name: string | null; actor_kind: string | null;
  }>(
    manager.createQueryBuilder(Quote, 'q')
      .leftJoin(Leader, 'sl', 'sl.id = q.speaker_leader_id')
      .leftJoin(Actor, 'sa', 'sa.id = q.speaker_actor_id')
      .select('q.event_id', 'event_id').addSelect('q.position', 'position').addSelect('q.text', 'text').addSelect('q.source_id', 'source_id')
      .addSelect('sl.slug', 'leader_slug').addSelect('sl.name', 'leader_name').addSelect('sl.office', 'leader_office').addSelect('sl.tenure_end', 'leader_tenure_end')
      .addSelect('sa.slug', 'actor_slug').addSelect('sa.name', 'actor_name').addSelect('sa.kind', 'actor_kind')
      .where('q.event_id IN (:...chunk)', { chunk }),
  ));

  const [frontRows, leaderRows, actorRows, sourceRows, quoteRows] = await Promise.all([frontRowsLoading, leaderRowsLoading, actorRowsLoading, sourceRowsLoading, quoteRowsLoading]);

  const result = new Map<string, ComposeEvent>();
  for (const e of events.values()) {
    result.set(e.id, {
      id: e.id, title: e.title, summary: e.summary, kind: e.kind, significance: Number(e.significance),
      dateValue: e.dateValue, datePrecision: e.datePrecision as DatePrecision, occurredAt: e.occurredAt,
      frontSlugs: [], leaders: [], actors: [], sources: [], quotes: [],
    });
  }
  const frontRank = new Map([...q.frontSlugById.values()].map((slug, i) => [slug, i]));
  for (const row of frontRows) {
    const slug = q.frontSlugById.get(row.front_id);
    if (slug !== undefined) result.get(row.event_id)?.frontSlugs.push(slug);
  }
  for (const row of leaderRows) {
    result.get(row.event_id)?.leaders.push({ type: 'leader', slug: row.slug, name: row.name, office: row.office, tenureEnd: row.tenure_end });
  }
  for (const row of actorRows) result.get(row.event_id)?.actors.push({ type: 'actor', slug: row.slug, name: row.name, kind: row.kind });
  const sorted = sourceRows.sort((a, b) => Number(a.position) - Number(b.position));
  for (const row of sorted) {
    const source: ComposeSource = { id: row.id, publisher: row.publisher, title: row.title, url: row.url, publishedOn: row.published_on };
    result.get(row.event_id)?.sources.push(source);
  }
  for (const row of quoteRows.sort((a, b) => Number(a.position) - Number(b.position))) {
    const event = result.get(row.event_id);
    if (event === undefined) continue;
    const speaker: ComposeLeader | ComposeActor | null =
      row.leader_slug !== null
        ? { type: 'leader', slug: row.leader_slug, name: row.leader_name ?? row.leader_slug, office: row.leader_office ?? '', tenureEnd: row.leader_tenure_end }
        : row.actor_slug !== null
          ? { type: 'actor', slug: row.actor_slug, name: row.actor_name ?? row.actor_slug, kind: row.actor_kind ?? 'OTHER' }
          : null;
    // A quote always has a speaker and cites one of its event's sources; anything else is not shown.
    if (speaker === null || !event.sources.some((s) => s.id === row.source_id)) continue;
    event.quotes.push({ text: row.text, speaker, sourceId: row.source_id });
  }
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
  for (const event of result.values()) {
    event.frontSlugs.sort((a, b) => frontRank.get(a)! - frontRank.get(b)!);
    event.leaders.sort(byName);
    event.actors.sort(byName);
  }
  return [...result.values()];
}
