import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LIMITS } from './limits';
import { DEFAULT_VERIFICATION, Verification } from './verification';

@ObjectType({ description: 'Exact words attributed to a leader or an actor, as carried by a source.' })
@Entity('quotes')
@Index('idx_quotes_event', ['eventId', 'position'])
export class Quote {
  @Field(() => ID, { description: "Opaque, stable identifier; clients' caches key the quote on it." })
  @PrimaryColumn({ type: 'varchar', length: LIMITS.id })
  id: string;

  @Column({ name: 'event_id', type: 'varchar', length: LIMITS.id })
  eventId: string;

  @Field({ description: 'The exact quoted text.' })
  @Column({ type: 'text' })
  text: string;

  @Field(() => Verification, { description: 'How well it is established that these words were said.' })
  @Column({ type: 'varchar', length: LIMITS.verification, default: DEFAULT_VERIFICATION })
  verification: Verification;

  @Column({ name: 'speaker_leader_id', type: 'varchar', length: LIMITS.id, nullable: true })
  speakerLeaderId: string | null;

  @Column({ name: 'speaker_actor_id', type: 'varchar', length: LIMITS.id, nullable: true })
  speakerActorId: string | null;

  @Column({ name: 'source_id', type: 'varchar', length: LIMITS.id })
  sourceId: string;

  @Column({ type: 'integer' })
  position: number;
}
