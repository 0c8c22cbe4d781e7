import { EntityManager, In, ObjectLiteral } from 'typeorm';
import { Event } from '../../entities/event';
import { EventLeader, EventSource } from '../../entities/event-links';
import { Quote } from '../../entities/quote';

type Identified = ObjectLiteral & { id: string };

/** The batched reads behind GraphQL's nested fields: records by id, link rows, and each leader's newest events. */
export class RelationRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The records with these ids (unknown ids are left out). */
  byIds<T extends Identified>(target: new () => T, ids: readonly string[]): Promise<T[]> {
    return this.manager.find(target, { where: { id: In([...ids]) } as never });
  }

  /** Rows of a link table whose parent column is one of `parentIds`, as (parent, child) id pairs. */
  linkRows(
    link: new () => ObjectLiteral,
    parentColumn: string,
    childColumn: string,
    parentIds: readonly string[],
  ): Promise<{ parent_id: string; child_id: string }[]> {
    return this.manager
      .createQueryBuilder(link, 'l')
      .select(`l.${parentColumn}`, 'parent_id')
      .addSelect(`l.${childColumn}`, 'child_id')
      .where(`l.${parentColumn} IN (:...parentIds)`, { parentIds: [...parentIds] })
      .getRawMany();
  }

  /** The events' source links, in citation order. */
  eventSources(eventIds: readonly string[]): Promise<EventSource[]> {
    return this.manager.find(EventSource, { where: { eventId: In([...eventIds]) }, order: { position: 'ASC' } });
  }

  /** The events' quotes, in order. */
  quotes(eventIds: readonly string[]): Promise<Quote[]> {
    return this.manager.find(Quote, { where: { eventId: In([...eventIds]) }, order: { position: 'ASC' } });
  }

  /** For each leader, the ids of its `limit` newest events (by date, then id), in one statement. */
  newestEventsByLeader(
    leaderIds: readonly string[],
    limit: number,
  ): Promise<{ leader_id: string; event_id: string }[]> {
    // A window function keeps each leader's newest events only.
    const ranked = this.manager
      .createQueryBuilder(EventLeader, 'l')
      .innerJoin(Event, 'e', 'e.id = l.event_id')
      .select('l.leader_id', 'leader_id')
      .addSelect('e.id', 'event_id')
      .addSelect('ROW_NUMBER() OVER (PARTITION BY l.leader_id ORDER BY e.date_start DESC, e.id DESC)', 'recency')
      .where('l.leader_id IN (:...leaderIds)', { leaderIds: [...leaderIds] });
    return this.manager
      .createQueryBuilder()
      .select('r.leader_id', 'leader_id')
      .addSelect('r.event_id', 'event_id')
      .from(`(${ranked.getQuery()})`, 'r')
      .setParameters(ranked.getParameters())
      .where('r.recency <= :limit', { limit })
      .getRawMany();
  }
}
