import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LIMITS } from './limits';

/* Link tables between events and what they concern. Plain rows, so bulk imports and DataLoaders use them directly. */

@Entity('event_fronts')
@Index('idx_event_fronts_front', ['frontId', 'eventId'])
export class EventFront {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: LIMITS.id })
  eventId: string;

  @PrimaryColumn({ name: 'front_id', type: 'varchar', length: LIMITS.id })
  frontId: string;
}

@Entity('event_regions')
@Index('idx_event_regions_region', ['regionId', 'eventId'])
export class EventRegion {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: LIMITS.id })
  eventId: string;

  @PrimaryColumn({ name: 'region_id', type: 'varchar', length: LIMITS.id })
  regionId: string;
}

@Entity('event_leaders')
@Index('idx_event_leaders_leader', ['leaderId', 'eventId'])
export class EventLeader {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: LIMITS.id })
  eventId: string;

  @PrimaryColumn({ name: 'leader_id', type: 'varchar', length: LIMITS.id })
  leaderId: string;
}

@Entity('event_actors')
@Index('idx_event_actors_actor', ['actorId', 'eventId'])
export class EventActor {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: LIMITS.id })
  eventId: string;

  @PrimaryColumn({ name: 'actor_id', type: 'varchar', length: LIMITS.id })
  actorId: string;
}

@Entity('event_sources')
@Index('idx_event_sources_source', ['sourceId'])
export class EventSource {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: LIMITS.id })
  eventId: string;

  @PrimaryColumn({ name: 'source_id', type: 'varchar', length: LIMITS.id })
  sourceId: string;

  @Column({ type: 'integer' })
  position: number;
}

@Entity('front_regions')
export class FrontRegion {
  @PrimaryColumn({ name: 'front_id', type: 'varchar', length: LIMITS.id })
  frontId: string;

  @PrimaryColumn({ name: 'region_id', type: 'varchar', length: LIMITS.id })
  regionId: string;
}
