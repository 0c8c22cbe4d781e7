import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Actor } from '../../entities/actor';
import { Assessment, AssessmentFront } from '../../entities/assessment';
import { EditorialRevisionRow, FrontRecordKind } from '../../entities/editorial-revision';
import { Event } from '../../entities/event';
import { EventActor, EventFront, EventLeader, EventSource } from '../../entities/event-links';
import { EventRevisionRow } from '../../entities/event-revision';
import { FrontEventDay } from '../../entities/front-event-day';
import { Leader } from '../../entities/leader';
import { Quote } from '../../entities/quote';
import { Source } from '../../entities/source';
import { chunkRows } from '../chunks';
import type { Dialect } from '../dialect';
import { escapeLike } from '../dialect';

/** Newest first, ties by id descending: the order of the window's statement. */
const newestFirst = (a: Event, b: Event): number =>
  a.dateStart === b.dateStart ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.dateStart < b.dateStart ? 1 : -1;

/** Fronts whose background one statement loads (one compound-SELECT part each; SQLite allows 500 parts). */
export const BACKGROUND_FRONTS_PER_STATEMENT = 250;

export interface BriefingCandidateQuery {
  /** The briefing's day. */
  date: string;
  /** The first and last stored day of the window's events. */
  from: string;
  to: string;
  frontIds: readonly string[];
  /** True when `frontIds` is every front. */
  allFronts: boolean;
  /** Window events loaded at most (a caller that finds this many knows there are more than it allows). */
  windowLimit: number;
  backgroundPerFront: number;
  backgroundMinSignificance: number;
  /** Month or year events on the fronts that began by `date` and ended on or after this day are all loaded. */
  periodEndFrom: string;
  /** Older events counted per front: day events stored before `dayBefore`, period events ending before `periodEndBefore`. */
  dayBefore: string;
  periodEndBefore: string;
  /** Assessments dated from this day to `date` are loaded (on the fronts, at most `assessmentLimit` rows). */
  assessmentsFrom: string;
  assessmentLimit: number;
}

/** An assessment with one of its fronts among the briefing's: one row per (assessment, front). */
export interface BriefingAssessmentRow {
  id: string;
  date_value: string;
  confidence: string;
  text: string;
  sources: string;
  front_id: string;
  position: number | string;
}

interface PersonRow {
  event_id: string;
  slug: string;
  name: string;
}

export interface BriefingLinkRows {
  fronts: { event_id: string; front_id: string }[];
  leaders: (PersonRow & { office: string; tenure_end: string | null })[];
  actors: (PersonRow & { kind: string })[];
  sources: {
    event_id: string;
    position: number;
    id: string;
    publisher: string;
    title: string;
    url: string | null;
    published_on: string | null;
  }[];
  quotes: {
    event_id: string;
    position: number;
    text: string;
    source_id: string;
    verification: string;
    leader_slug: string | null;
    leader_name: string | null;
    leader_office: string | null;
    leader_tenure_end: string | null;
    actor_slug: string | null;
    actor_name: string | null;
    actor_kind: string | null;
  }[];
}

/**
 * The reads one briefing is composed from, with a fixed number of statements however many events there are: one
 * for the events of the window, one for the background, then one per kind of link (fronts, leaders, actors,
 * sources, quotes with their speakers), chunked only past the bind-parameter limit (and the background past
 * BACKGROUND_FRONTS_PER_STATEMENT fronts).
 */
export class BriefingReadRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
  ) {}

  /** The window's DAY events on the fronts, newest first, and each front's newest significant events before it. */
  async candidates(q: BriefingCandidateQuery): Promise<{
    window: Event[];
    periods: Event[];
    background: Event[];
    olderCounts: Map<string, number>;
    assessments: BriefingAssessmentRow[];
  }> {
    const manager = this.manager;
    const eventFronts = manager.connection.getMetadata(EventFront).tablePath;
    // EXISTS rather than `e.id IN (events of the fronts)`: with IN, SQLite walked every event of the fronts (all of
    // them, for a briefing of all fronts) and looked each up; with EXISTS it scans the date index over the window.
    // Every front: any event on a front, one condition however many fronts there are (fronts are never deleted).
    const onFronts = q.allFronts ? '' : ' AND ef.front_id IN (:...frontIds)';
    const windowQuery = manager
      .createQueryBuilder(Event, 'e')
      .where(
        `EXISTS (SELECT 1 FROM ${eventFronts} ef WHERE ef.event_id = e.id${onFronts})`,
        q.allFronts ? {} : { frontIds: [...q.frontIds] },
      )
      .andWhere("e.date_precision = 'DAY'")
      .andWhere('e.date_start >= :from AND e.date_start <= :to', { from: q.from, to: q.to })
      .orderBy('e.date_start', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(q.windowLimit)
      .getMany();

    // Month or year events that may have become known in the window (or are still going on): the briefing decides.
    // Unordered, so that SQLite walks the partial index of period events by their end (idx_events_periods) rather
    // than every event before the date in date order; the few found are ordered here.
    const periodQuery = manager
      .createQueryBuilder(Event, 'e')
      .where(
        `EXISTS (SELECT 1 FROM ${eventFronts} ef WHERE ef.event_id = e.id${onFronts})`,
        q.allFronts ? {} : { frontIds: [...q.frontIds] },
      )
      .andWhere("e.date_precision <> 'DAY'")
      .andWhere('e.date_end >= :periodEndFrom AND e.date_start <= :date', {
        date: q.date,
        periodEndFrom: q.periodEndFrom,
      })
      .limit(q.windowLimit)
      .getMany()
      .then((rows) => rows.sort(newestFirst));

    // How many older events each front has, so the briefing can say how many it leaves out: summed from the
    // per-day counts the database keeps (one row per front and day, however many events a day holds).
    const countQuery = manager
      .createQueryBuilder(FrontEventDay, 'c')
      .select('c.front_id', 'front_id')
      .addSelect('SUM(c.n)', 'n')
      .where(
        q.allFronts ? '1 = 1' : 'c.front_id IN (:...countFronts)',
        q.allFronts ? {} : { countFronts: [...q.frontIds] },
      )
      .andWhere('((c.period = 0 AND c.day < :dayBefore) OR (c.period = 1 AND c.day < :periodEndBefore))', {
        dayBefore: q.dayBefore,
        periodEndBefore: q.periodEndBefore,
      })
      .groupBy('c.front_id')
      .getRawMany<{ front_id: string; n: number | string | null }>();

    // Background: each front's newest significant events before the window (or known only to the month or year).
    // One part per front, newest first with a LIMIT, so each walks the date index back from the date and stops after
    // `backgroundPerFront` matches (a ROW_NUMBER() over every significant event of the fronts read them all). SQLite
    // allows 500 parts in one compound SELECT, so the fronts go BACKGROUND_FRONTS_PER_STATEMENT to a statement.
    const eventsTable = manager.connection.getMetadata(Event).tablePath;
    const backgroundPart = (i: number): string =>
      `SELECT b${i}.id FROM (SELECT be.id AS id FROM ${eventsTable} be` +
      ` WHERE EXISTS (SELECT 1 FROM ${eventFronts} bf WHERE bf.event_id = be.id AND bf.front_id = :front${i})` +
      ' AND be.significance >= :minSignificance AND be.date_start <= :date' +
      " AND (be.date_precision <> 'DAY' OR be.date_start < :from)" +
      ` ORDER BY be.date_start DESC, be.id DESC LIMIT :perFront) b${i}`;
    const backgroundQueries = chunkRows(q.frontIds, 1, BACKGROUND_FRONTS_PER_STATEMENT).map((fronts) =>
      manager
        .createQueryBuilder(Event, 'e')
        .where(`e.id IN (${fronts.map((_, i) => backgroundPart(i)).join(' UNION ALL ')})`)
        .setParameters({
          ...Object.fromEntries(fronts.map((id, i) => [`front${i}`, id])),
          minSignificance: q.backgroundMinSignificance,
          date: q.date,
          from: q.from,
          perFront: q.backgroundPerFront,
        })
        .getMany(),
    );
    // The assessments of the days the briefing reports, never one dated after it, with their fronts among its own.
    const assessmentQuery = manager
      .createQueryBuilder(AssessmentFront, 'af')
      .innerJoin(Assessment, 'a', 'a.id = af.assessment_id')
      .select('a.id', 'id')
      .addSelect('a.date_value', 'date_value')
      .addSelect('a.confidence', 'confidence')
      .addSelect('a.text', 'text')
      .addSelect('a.sources', 'sources')
      .addSelect('af.front_id', 'front_id')
      .addSelect('af.position', 'position')
      .where('a.date_value >= :assessmentsFrom AND a.date_value <= :date', {
        assessmentsFrom: q.assessmentsFrom,
        date: q.date,
      })
      .andWhere(
        q.allFronts ? '1 = 1' : 'af.front_id IN (:...assessmentFronts)',
        q.allFronts ? {} : { assessmentFronts: [...q.frontIds] },
      )
      .orderBy('a.date_value', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .addOrderBy('af.position', 'ASC')
      .limit(q.assessmentLimit)
      .getRawMany<BriefingAssessmentRow>();
    // The statements are independent: issued together, the database works on one while the results of another are
    // turned into objects (SQLite runs them off the main thread; PostgreSQL on separate pooled connections).
    const [window, periods, counts, assessments, ...backgroundParts] = await Promise.all([
      windowQuery,
      periodQuery,
      countQuery,
      assessmentQuery,
      ...backgroundQueries,
    ]);
    const olderCounts = new Map(counts.map((row) => [row.front_id, Number(row.n ?? 0)]));
    return { window, periods, background: backgroundParts.flat(), olderCounts, assessments };
  }

  /** The fronts, leaders, actors, sources and quotes (with their speakers) of the events, as rows. */
  async links(ids: readonly string[]): Promise<BriefingLinkRows> {
    const manager = this.manager;
    const byChunks = async <T>(load: (chunk: string[]) => Promise<T[]>): Promise<T[]> => {
      const rows: T[] = [];
      for (const chunk of chunkRows(ids, 1, this.dialect.maxParameters - 10)) rows.push(...(await load(chunk)));
      return rows;
    };
    const raw = <T>(qb: SelectQueryBuilder<ObjectLiteral>): Promise<T[]> => qb.getRawMany<T>();

    const [fronts, leaders, actors, sources, quotes] = await Promise.all([
      byChunks((chunk) =>
        raw<BriefingLinkRows['fronts'][number]>(
          manager
            .createQueryBuilder(EventFront, 'l')
            .select('l.event_id', 'event_id')
            .addSelect('l.front_id', 'front_id')
            .where('l.event_id IN (:...chunk)', { chunk }),
        ),
      ),
      byChunks((chunk) =>
        raw<BriefingLinkRows['leaders'][number]>(
          manager
            .createQueryBuilder(EventLeader, 'l')
            .innerJoin(Leader, 'p', 'p.id = l.leader_id')
            .select('l.event_id', 'event_id')
            .addSelect('p.slug', 'slug')
            .addSelect('p.name', 'name')
            .addSelect('p.office', 'office')
            .addSelect('p.tenure_end', 'tenure_end')
            .where('l.event_id IN (:...chunk)', { chunk }),
        ),
      ),
      byChunks((chunk) =>
        raw<BriefingLinkRows['actors'][number]>(
          manager
            .createQueryBuilder(EventActor, 'l')
            .innerJoin(Actor, 'p', 'p.id = l.actor_id')
            .select('l.event_id', 'event_id')
            .addSelect('p.slug', 'slug')
            .addSelect('p.name', 'name')
            .addSelect('p.kind', 'kind')
            .where('l.event_id IN (:...chunk)', { chunk }),
        ),
      ),
      byChunks((chunk) =>
        raw<BriefingLinkRows['sources'][number]>(
          manager
            .createQueryBuilder(EventSource, 'l')
            .innerJoin(Source, 's', 's.id = l.source_id')
            .select('l.event_id', 'event_id')
            .addSelect('l.position', 'position')
            .addSelect('s.id', 'id')
            .addSelect('s.publisher', 'publisher')
            .addSelect('s.title', 'title')
            .addSelect('s.url', 'url')
            .addSelect('s.published_on', 'published_on')
            .where('l.event_id IN (:...chunk)', { chunk }),
        ),
      ),
      byChunks((chunk) =>
        raw<BriefingLinkRows['quotes'][number]>(
          manager
            .createQueryBuilder(Quote, 'q')
            .leftJoin(Leader, 'sl', 'sl.id = q.speaker_leader_id')
            .leftJoin(Actor, 'sa', 'sa.id = q.speaker_actor_id')
            .select('q.event_id', 'event_id')
            .addSelect('q.position', 'position')
            .addSelect('q.text', 'text')
            .addSelect('q.source_id', 'source_id')
            .addSelect('q.verification', 'verification')
            .addSelect('sl.slug', 'leader_slug')
            .addSelect('sl.name', 'leader_name')
            .addSelect('sl.office', 'leader_office')
            .addSelect('sl.tenure_end', 'leader_tenure_end')
            .addSelect('sa.slug', 'actor_slug')
            .addSelect('sa.name', 'actor_name')
            .addSelect('sa.kind', 'actor_kind')
            .where('q.event_id IN (:...chunk)', { chunk }),
        ),
      ),
    ]);
    return { fronts, leaders, actors, sources, quotes };
  }

  /*
   * As of an instant. Every read of a briefing's editorial data as it was at `asOf` goes through here: the events,
   * the assessments and the fronts' status periods, issues and context notes, each from its revisions.
   */

  /**
   * Each event's newest revision at or before `asOf` that is not a tombstone: one statement. With `mentioning`, only
   * states whose JSON holds one of these slugs as a whole string: a loose filter (the slug may be a region's or a
   * leader's) that the caller narrows to the fronts, so that a briefing of a few fronts does not parse every state.
   */
  async eventStatesAsOf(
    asOf: string,
    mentioning: readonly string[] | null = null,
  ): Promise<{ eventId: string; revision: number; state: string }[]> {
    const query = this.manager.createQueryBuilder(EventRevisionRow, 'r');
    if (mentioning !== null && mentioning.length > 0) {
      // Slugs are [a-z0-9-]: nothing in them is special to LIKE.
      const params = Object.fromEntries(mentioning.map((slug, i) => [`mention${i}`, `%${escapeLike(`"${slug}"`)}%`]));
      query.andWhere(`(${mentioning.map((_, i) => `r.state LIKE :mention${i} ESCAPE '\\'`).join(' OR ')})`, params);
    }
    const rows = await query
      .select('r.event_id', 'event_id')
      .addSelect('r.revision', 'revision')
      .addSelect('r.state', 'state')
      .andWhere('r.at <= :asOf', { asOf })
      .andWhere('r.state IS NOT NULL')
      .andWhere(
        'r.revision = (SELECT MAX(r2.revision) FROM event_revisions r2 WHERE r2.event_id = r.event_id AND r2.at <= :asOf)',
      )
      .getRawMany<{ event_id: string; revision: number | string; state: string }>();
    return rows.map((row) => ({ eventId: row.event_id, revision: Number(row.revision), state: row.state }));
  }

  /**
   * Each front record's (status period, issue, context note) newest revision at or before `asOf`, with the instant
   * of its first revision (the record was recorded that day): one statement. Records are never deleted, so there
   * is no tombstone; one first written after `asOf` has no row.
   */
  async frontRecordStatesAsOf(
    asOf: string,
  ): Promise<{ kind: FrontRecordKind; recordId: string; revision: number; firstAt: string; state: string }[]> {
    // The table holds assessments' revisions too; those are read by assessmentStatesAsOf.
    const kinds: FrontRecordKind[] = ['front-status', 'front-issue', 'front-context'];
    const rows = await this.manager
      .createQueryBuilder(EditorialRevisionRow, 'r')
      .select('r.kind', 'kind')
      .addSelect('r.record_id', 'record_id')
      .addSelect('r.revision', 'revision')
      .addSelect('r.state', 'state')
      .addSelect(
        '(SELECT MIN(r3.at) FROM editorial_revisions r3 WHERE r3.kind = r.kind AND r3.record_id = r.record_id)',
        'first_at',
      )
      .where('r.at <= :asOf', { asOf })
      .andWhere('r.kind IN (:...kinds)', { kinds })
      .andWhere(
        'r.revision = (SELECT MAX(r2.revision) FROM editorial_revisions r2 WHERE r2.kind = r.kind AND r2.record_id = r.record_id AND r2.at <= :asOf)',
      )
      .getRawMany<{
        kind: FrontRecordKind;
        record_id: string;
        revision: number | string;
        state: string;
        first_at: string;
      }>();
    return rows.map((row) => ({
      kind: row.kind,
      recordId: row.record_id,
      revision: Number(row.revision),
      firstAt: row.first_at,
      state: row.state,
    }));
  }

  /** Each assessment's newest revision at or before `asOf` that is not a tombstone: one statement. */
  async assessmentStatesAsOf(asOf: string): Promise<{ assessmentId: string; state: string }[]> {
    const rows = await this.manager
      .createQueryBuilder(EditorialRevisionRow, 'r')
      .select('r.record_id', 'record_id')
      .addSelect('r.state', 'state')
      .where(`r.kind = 'assessment'`)
      .andWhere('r.at <= :asOf', { asOf })
      .andWhere('r.state IS NOT NULL')
      .andWhere(
        `r.revision = (SELECT MAX(r2.revision) FROM editorial_revisions r2 WHERE r2.kind = 'assessment' AND r2.record_id = r.record_id AND r2.at <= :asOf)`,
      )
      .getRawMany<{ record_id: string; state: string }>();
    return rows.map((row) => ({ assessmentId: row.record_id, state: row.state }));
  }

  /** Every revision written after `after` and at or before `upTo`, oldest first: one statement. */
  async revisionsBetween(
    after: string,
    upTo: string,
  ): Promise<{ eventId: string; revision: number; at: string; reason: string | null; state: string | null }[]> {
    const rows = await this.manager
      .createQueryBuilder(EventRevisionRow, 'r')
      .where('r.at > :after AND r.at <= :upTo', { after, upTo })
      .orderBy('r.at', 'ASC')
      .addOrderBy('r.event_id', 'ASC')
      .addOrderBy('r.revision', 'ASC')
      .getMany();
    return rows.map((r) => ({ eventId: r.eventId, revision: r.revision, at: r.at, reason: r.reason, state: r.state }));
  }

  /** The newest revision of each of the events at or before `asOf` (tombstones included), chunked by the id list. */
  async statesAt(eventIds: readonly string[], asOf: string): Promise<Map<string, string | null>> {
    const states = new Map<string, string | null>();
    for (const chunk of chunkRows(eventIds, 1, this.dialect.maxParameters - 10)) {
      const rows = await this.manager
        .createQueryBuilder(EventRevisionRow, 'r')
        .select('r.event_id', 'event_id')
        .addSelect('r.state', 'state')
        .where('r.event_id IN (:...chunk)', { chunk })
        .andWhere(
          'r.revision = (SELECT MAX(r2.revision) FROM event_revisions r2 WHERE r2.event_id = r.event_id AND r2.at <= :asOf)',
          { asOf },
        )
        .getRawMany<{ event_id: string; state: string | null }>();
      for (const row of rows) states.set(row.event_id, row.state);
    }
    return states;
  }

  /** When the newest revision at or before `asOf` was written (a tombstone's too); null when none was by then. */
  async lastRevisionAt(asOf: string): Promise<string | null> {
    const row = await this.manager
      .createQueryBuilder(EventRevisionRow, 'r')
      .select('MAX(r.at)', 'at')
      .where('r.at <= :asOf', { asOf })
      .getRawOne<{ at: string | null }>();
    return row?.at ?? null;
  }

  /** When the first revision of any event was written; null before any. */
  async firstRevisionAt(): Promise<string | null> {
    const row = await this.manager
      .createQueryBuilder(EventRevisionRow, 'r')
      .select('MIN(r.at)', 'at')
      .getRawOne<{ at: string | null }>();
    return row?.at ?? null;
  }

  /** Leaders and actors by slug, and source ids by identity key, for states that name them so. */
  async referencesBySlug(
    leaderSlugs: readonly string[],
    actorSlugs: readonly string[],
    sourceKeys: readonly string[],
  ): Promise<{
    leaders: { slug: string; name: string; office: string; tenure_end: string | null }[];
    actors: { slug: string; name: string; kind: string }[];
    sources: { id: string; identity_key: string }[];
  }> {
    const manager = this.manager;
    const byChunks = async <T>(values: readonly string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> => {
      const rows: T[] = [];
      for (const chunk of chunkRows(values, 1, this.dialect.maxParameters - 10)) rows.push(...(await load(chunk)));
      return rows;
    };
    const [leaders, actors, sources] = await Promise.all([
      byChunks(leaderSlugs, (chunk) =>
        manager
          .createQueryBuilder(Leader, 'p')
          .select('p.slug', 'slug')
          .addSelect('p.name', 'name')
          .addSelect('p.office', 'office')
          .addSelect('p.tenure_end', 'tenure_end')
          .where('p.slug IN (:...chunk)', { chunk })
          .getRawMany<{ slug: string; name: string; office: string; tenure_end: string | null }>(),
      ),
      byChunks(actorSlugs, (chunk) =>
        manager
          .createQueryBuilder(Actor, 'p')
          .select('p.slug', 'slug')
          .addSelect('p.name', 'name')
          .addSelect('p.kind', 'kind')
          .where('p.slug IN (:...chunk)', { chunk })
          .getRawMany<{ slug: string; name: string; kind: string }>(),
      ),
      byChunks(sourceKeys, (chunk) =>
        manager
          .createQueryBuilder(Source, 's')
          .select('s.id', 'id')
          .addSelect('s.identity_key', 'identity_key')
          .where('s.identity_key IN (:...chunk)', { chunk })
          .getRawMany<{ id: string; identity_key: string }>(),
      ),
    ]);
    return { leaders, actors, sources };
  }
}
