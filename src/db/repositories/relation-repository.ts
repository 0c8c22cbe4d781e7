import { EntityManager, In, ObjectLiteral } from 'typeorm';
import { Event } from '../../entities/event';
import { EventActor, EventFront, EventLeader, EventRegion, EventSource, FrontRegion } from '../../entities/event-links';
import { Quote } from '../../entities/quote';

/** A record a loader finds by id. */
export type Identified = ObjectLiteral & { id: string };

/** The link tables GraphQL's nested lists read, with their parent and child columns. */
const LINKS = {
  eventFronts: { table: EventFront, parent: 'event_id', child: 'front_id' },
  eventRegions: { table: EventRegion, parent: 'event_id', child: 'region_id' },
  eventLeaders: { table: EventLeader, parent: 'event_id', child: 'leader_id' },
  eventActors: { table: EventActor, parent: 'event_id', child: 'actor_id' },
  frontRegions: { table: FrontRegion, parent: 'front_id', child: 'region_id' },
} as const;

export type LinkName = keyof typeof LINKS;

/** The batched reads behind GraphQL's nested fields: records by id, link rows, and each leader's newest events. */
export class RelationRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The records with these ids (unknown ids are left out). */
  byIds<T extends Identified>(target: new () => T, ids: readonly string[]): Promise<T[]> {
    return this.manager.find(target, { where: { id: In([...ids]) } as never });
  }

  /** Rows of a link table whose parent is one of `parentIds`, as (parent, child) id pairs. */
  linkRows(link: LinkName, parentIds: readonly string[]): Promise<{ parent_id: string; child_id: string }[]> {
    const { table, parent, child } = LINKS[link];
    return this.manager
      .createQueryBuilder(table, 'l')
      .select(`l.${parent}`, 'parent_id')
      .addSelect(`l.${child}`, 'child_id')
      .where(`l.${parent} IN (:...parentIds)`, { parentIds: [...parentIds] })
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
