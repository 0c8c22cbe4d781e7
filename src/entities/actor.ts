import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node } from '../graphql/entity-types/node';
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
registerEnumType(ActorKind, {
  name: 'ActorKind',
  description: 'What sort of organisation or group an actor is.',
  valuesConfig: {
    STATE: { description: 'A state acting as such, e.g. Iran.' },
    ARMED_GROUP: { description: 'A non-state armed group, e.g. Hezbollah.' },
    POLITICAL_MOVEMENT: { description: 'A party or movement.' },
    INTERNATIONAL_ORGANISATION: { description: 'The UN, the EU, the Arab League and the like.' },
    COURT: { description: 'A court or tribunal, e.g. the ICC.' },
    GOVERNMENT_OFFICE: {
      description: 'A ministry or office speaking for a government, e.g. the Kremlin press service.',
    },
    MILITARY: { description: 'Armed forces or one of their branches.' },
    MEDIA: { description: 'A news organisation or broadcaster.' },
    OTHER: { description: 'None of the above.' },
  },
});

@ObjectType({
  implements: Node,
  description: 'An organisation or group that is not a single leader: Hamas, the ICC, the Kremlin press service…',
})
@Entity('actors')
export class Actor extends SluggedRecord {
  @Field(() => ActorKind, { description: 'What sort of organisation or group it is.' })
  @Column({ type: 'varchar', length: LIMITS.kind })
  kind: ActorKind;

  @Field(() => String, { description: 'A short note on who the actor is, when one has been written.', nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'region_id', type: 'varchar', length: LIMITS.id, nullable: true })
  regionId: string | null;

  @Column({ name: 'backer_id', type: 'varchar', length: LIMITS.id, nullable: true })
  backerId: string | null;
}
