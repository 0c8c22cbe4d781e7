import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CitedDocument } from '../graphql/entity-types/cited-document';
import { PartialDateScalar } from '../graphql/scalars/partial-date-scalar';
import type { RevisionSource } from './event-revision';
import { FrontStatusKind } from './front';
import { LIMITS } from './limits';

/*
 * A front's state as dated records: status periods, open issues and context notes. Each is revisioned in
 * `editorial_revisions` (see editorial-revision.ts); a briefing of D uses the ones valid on D (see
 * src/dates/front-record-days.ts).
 */

/** A source a status, issue or context note cites (a `CitedDocument` in the schema). */
export type FrontRecordSource = RevisionSource;

/** What every dated front record has: an id, its front, its sources, its revision and the day it was recorded. */
// Abstract: its @ObjectType adds no type of its own to the schema, only the fields the object types extending it inherit.
@ObjectType()
abstract class FrontRecord {
  @Field(() => ID, { description: 'Opaque, stable identifier.' })
  @PrimaryColumn({ type: 'varchar', length: LIMITS.id })
  id: string;

  @Column({ name: 'front_id', type: 'varchar', length: LIMITS.id })
  frontId: string;

  @Field({ description: 'The wording briefings print.' })
  @Column({ type: 'text' })
  text: string;

  @Field(() => [CitedDocument], { description: 'What it rests on, in order.' })
  @Column({ type: 'simple-json' })
  sources: FrontRecordSource[];

  @Field(() => Int, { description: '1 when recorded, then one more with each write (see `revisions`).' })
  @Column({ type: 'integer' })
  revision: number;

  /**
   * The day it was first recorded. A record carried over from before history was kept has no start date; it is
   * taken as valid from this day, never earlier (see `knownFrom`).
   */
  @Column({ name: 'recorded_on', type: 'varchar', length: LIMITS.partialDate })
  recordedOn: string;
}

@ObjectType({ description: "One period of a front's status: what state it was in, from when to when." })
@Entity('front_status_periods')
export class FrontStatusPeriod extends FrontRecord {
  @Field(() => FrontStatusKind, { description: 'The state, for grouping and colour; `text` says it in words.' })
  @Column({ type: 'varchar', length: LIMITS.kind })
  kind: FrontStatusKind;

  @Field(() => PartialDateScalar, {
    description:
      'When the period began, at its known precision; null only for a status carried over from before history was kept, whose start was never recorded.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: LIMITS.partialDate, nullable: true })
  since: string | null;

  @Field(() => PartialDateScalar, {
    description: "When it ended: the next period's `since`; null while it is the current one.",
    nullable: true,
  })
  @Column({ type: 'varchar', length: LIMITS.partialDate, nullable: true })
  until: string | null;
}

@ObjectType({ description: 'A question open on a front from one date, until it is resolved.' })
@Entity('front_issues')
export class FrontIssue extends FrontRecord {
  @Field(() => PartialDateScalar, {
    description: 'When it opened; null only for an issue carried over from before history was kept.',
    nullable: true,
  })
  @Column({ type: 'varchar', length: LIMITS.partialDate, nullable: true })
  opened: string | null;

  @Field(() => PartialDateScalar, { description: 'When it was resolved; null while open.', nullable: true })
  @Column({ type: 'varchar', length: LIMITS.partialDate, nullable: true })
  resolved: string | null;
}

@ObjectType({ description: 'A note of background on a front, valid from one date until retired.' })
@Entity('front_context_notes')
export class FrontContextNote extends FrontRecord {
  @Field(() => PartialDateScalar, {
    description: 'From when it holds; null only for background carried over from before history was kept.',
    nullable: true,
  })
  @Column({ name: 'valid_from', type: 'varchar', length: LIMITS.partialDate, nullable: true })
  validFrom: string | null;

  @Field(() => PartialDateScalar, { description: 'From when it no longer holds; null while it does.', nullable: true })
  @Column({ type: 'varchar', length: LIMITS.partialDate, nullable: true })
  retired: string | null;
}
