import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { LIMITS } from './limits';
import { SluggedRecord } from './slugged-record';

export enum ActorKind {
  STATE = 'STATE',
  ARMED_GROUP = 'ARMED_GROUP',
  POLITICAL_MOVEMENT = 'POLITICAL_MOVEMENT',
  INTERNATIONAL_ORGANISATION = 'INTERNATIONAL_ORGANISATION',
  COURT = 'COURT',
  GOVERNMENT_OFFICE = 'GOVERNMENT_OFFICE',
  MILITARY = 'MILITARY',
  MEDIA = 'MEDIA',
  OTHER = 'OTHER',
}
registerEnumType(ActorKind, { name: 'ActorKind', description: 'What sort of organisation or group an actor is.' });

@ObjectType({
  description: 'An organisation or group that is not a single leader: Hamas, the ICC, the Kremlin press service…',
})
@Entity('actors')
export class Actor extends SluggedRecord {
  @Field(() => ActorKind)
  @Column({ type: 'varchar', length: LIMITS.kind })
  kind: ActorKind;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'region_id', type: 'varchar', length: LIMITS.id, nullable: true })
  regionId: string | null;

  @Column({ name: 'backer_id', type: 'varchar', length: LIMITS.id, nullable: true })
  backerId: string | null;
}
