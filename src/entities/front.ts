import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { PartialDateScalar } from '../graphql/scalars/partial-date-scalar';
import { Node } from '../graphql/types/node';
import { LIMITS } from './limits';
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
  description: 'A theatre briefings report on, with its current status and open issues.',
})
@Entity('fronts')
export class Front extends SluggedRecord {
  @Field(() => FrontStatusKind, {
    description: 'The state the front is in, for grouping and colour; `status` says it in words.',
  })
  @Column({ name: 'status_kind', type: 'varchar', length: LIMITS.kind })
  statusKind: FrontStatusKind;

  @Field({ description: 'e.g. "Ceasefire in force".' })
  @Column({ type: 'varchar', length: LIMITS.frontStatus })
  status: string;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the current status began.' })
  @Column({ name: 'status_since', type: 'varchar', length: LIMITS.partialDate, nullable: true })
  statusSince: string | null;

  @Field({ description: 'Prose background on the front, as briefings print it.' })
  @Column({ type: 'text' })
  background: string;

  @Field(() => [String], { description: 'Questions still open on this front, e.g. the pending second stage in Gaza.' })
  @Column({ name: 'open_issues', type: 'simple-json' })
  openIssues: string[];

  @Field(() => Int, { description: 'Position of the front in briefings (ascending).' })
  @Column({ name: 'briefing_order', type: 'integer' })
  briefingOrder: number;
}
