import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node } from '../graphql/entity-types/node';
import { SluggedRecord } from './slugged-record';

export enum FrontStatusKind {
  ACTIVE_CONFLICT = 'ACTIVE_CONFLICT',
  CEASEFIRE = 'CEASEFIRE',
  LOW_INTENSITY = 'LOW_INTENSITY',
  OCCUPATION = 'OCCUPATION',
  TENSION = 'TENSION',
  POST_CONFLICT = 'POST_CONFLICT',
}
registerEnumType(FrontStatusKind, {
  name: 'FrontStatusKind',
  description: 'The state a front is in.',
  valuesConfig: {
    ACTIVE_CONFLICT: { description: 'Fighting is under way.' },
    CEASEFIRE: { description: 'A ceasefire or truce is in force.' },
    LOW_INTENSITY: { description: 'Sporadic strikes or clashes short of open war.' },
    OCCUPATION: { description: 'Territory is held by a foreign force.' },
    TENSION: { description: 'No fighting, but the risk of it.' },
    POST_CONFLICT: { description: 'The fighting has ended; the aftermath is the story.' },
  },
});

@ObjectType({
  implements: Node,
  description: 'A theatre briefings report on, with its status, open issues and context as dated history.',
})
@Entity('fronts')
export class Front extends SluggedRecord {
  @Field(() => Int, { description: 'Position of the front in briefings (ascending).' })
  @Column({ name: 'briefing_order', type: 'integer' })
  briefingOrder: number;
}
