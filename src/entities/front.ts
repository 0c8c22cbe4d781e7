import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { PartialDateScalar } from '../graphql/scalars/partial-date-scalar';
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
registerEnumType(FrontStatusKind, { name: 'FrontStatusKind', description: 'The state a front is in.' });

@ObjectType({ description: 'A theatre briefings report on, with its current status and open issues.' })
@Entity('fronts')
export class Front extends SluggedRecord {
  @Field(() => FrontStatusKind)
  @Column({ name: 'status_kind', type: 'varchar', length: LIMITS.kind })
  statusKind: FrontStatusKind;

  @Field({ description: 'e.g. "Ceasefire in force".' })
  @Column({ type: 'varchar', length: LIMITS.frontStatus })
  status: string;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the current status began.' })
  @Column({ name: 'status_since', type: 'varchar', length: LIMITS.partialDate, nullable: true })
  statusSince: string | null;

  @Field()
  @Column({ type: 'text' })
  background: string;

  @Field(() => [String], { description: 'Questions still open on this front, e.g. the pending second stage in Gaza.' })
  @Column({ name: 'open_issues', type: 'simple-json' })
  openIssues: string[];

  @Field(() => Int, { description: 'Position of the front in briefings (ascending).' })
  @Column({ name: 'briefing_order', type: 'integer' })
  briefingOrder: number;
}
