import { Brackets, EntityManager, SelectQueryBuilder } from 'typeorm';
import { ChangeLogEntry } from '../../entities/change-log';
import { escapeLike } from '../dialect';

/** Runs a parameterless read prepared once per connection (Database.readPrepared). */
export type PreparedQuery = (sql: string) => Promise<Record<string, unknown>[]>;

export interface EventChangeQuery {
  /** ISO 8601 instant: entries logged after it. */
  since: string;
  /** The days the entries' periods must overlap. */
  from: string;
  to: string;
  /** Entries on one of these fronts; null for any front. */
  frontSlugs: readonly string[] | null;
  limit: number;
}

export interface FrontChangeQuery {
  /** ISO 8601 instant: entries logged after it. */
  since: string;
  /** The briefing's day: the entries' days must include it. */
  date: string;
  /** Entries on one of these fronts; null for any front. */
  frontSlugs: readonly string[] | null;
  limit: number;
}

/** A change-log entry as a write logs it (its id is the database's): what subscribers are told after the commit. */
export type LoggedChange = Omit<ChangeLogEntry, 'id'>;

/** Hears every change-log entry a write transaction inserts (Transaction collects them for after the commit). */
export type ChangeSink = (entries: readonly LoggedChange[]) => void;

export const ignoreChanges: ChangeSink = () => undefined;

/** The change log: its revision, and the event changes a briefing's readers ask about. */
export class ChangeLogRepository {
  private revisionSql: string | undefined;

  constructor(
    private readonly manager: EntityManager,
    private readonly prepared: PreparedQuery,
  ) {}

  /** The highest change_log id (0 for an empty log). */
  async revision(): Promise<number> {
    // Plain SQL, prepared once: building it with the query builder cost more than running it.
    this.revisionSql ??= `SELECT MAX(id) AS revision FROM ${this.manager.connection.getMetadata(ChangeLogEntry).tablePath}`;
    const rows = await this.prepared(this.revisionSql);
    return Number(rows[0]?.revision ?? 0);
  }

  /** Event entries matching the query, oldest first. */
  eventChanges(q: EventChangeQuery): Promise<ChangeLogEntry[]> {
    const query = this.manager
      .createQueryBuilder(ChangeLogEntry, 'c')
      .where("c.entity_type = 'event'")
      .andWhere('c.changed_at > :since', { since: q.since })
      .andWhere('c.date_start <= :to AND c.date_end >= :from', { from: q.from, to: q.to });
    // Every front (fronts are never deleted): any event on a front, one condition however many fronts there are.
    if (q.frontSlugs === null) query.andWhere("c.front_slugs <> ','");
    else onFronts(query, q.frontSlugs);
    return query.orderBy('c.id', 'ASC').limit(q.limit).getMany();
  }

  /**
   * Assessment entries logged after `since` whose day (as the write left it) is from `from` to `to`, on one of the
   * fronts (any front when null: an assessment always has one), oldest first.
   */
  assessmentChanges(q: EventChangeQuery): Promise<ChangeLogEntry[]> {
    const query = this.manager
      .createQueryBuilder(ChangeLogEntry, 'c')
      .where("c.entity_type = 'assessment'")
      .andWhere('c.changed_at > :since', { since: q.since })
      .andWhere('c.date_start >= :from AND c.date_start <= :to', { from: q.from, to: q.to });
    if (q.frontSlugs !== null) onFronts(query, q.frontSlugs);
    return query.orderBy('c.id', 'ASC').limit(q.limit).getMany();
  }

  /**
   * Front-record entries (a status period, issue or context note written; those carry their days) logged after
   * `since` whose days include `date`, on one of the fronts; oldest first.
   */
  frontChanges(q: FrontChangeQuery): Promise<ChangeLogEntry[]> {
    const query = this.manager
      .createQueryBuilder(ChangeLogEntry, 'c')
      .where("c.entity_type = 'front'")
      .andWhere('c.changed_at > :since', { since: q.since })
      .andWhere('c.date_start <= :date AND (c.date_end IS NULL OR c.date_end >= :date)', { date: q.date })
      .andWhere("c.front_slugs <> ','");
    if (q.frontSlugs !== null) {
      const slugs = q.frontSlugs;
      query.andWhere(
        new Brackets((b) => {
          slugs.forEach((slug, i) =>
            b.orWhere(`c.front_slugs LIKE :front${i} ESCAPE '\\'`, { [`front${i}`]: `%,${escapeLike(slug)},%` }),
          );
        }),
      );
    }
    return query.orderBy('c.id', 'ASC').limit(q.limit).getMany();
  }
}

/** Entries on one of the fronts: `front_slugs` holds them as `,a,b,`. */
function onFronts(query: SelectQueryBuilder<ChangeLogEntry>, slugs: readonly string[]): void {
  query.andWhere(
    new Brackets((b) => {
      slugs.forEach((slug, i) =>
        b.orWhere(`c.front_slugs LIKE :front${i} ESCAPE '\\'`, { [`front${i}`]: `%,${escapeLike(slug)},%` }),
      );
    }),
  );
}
