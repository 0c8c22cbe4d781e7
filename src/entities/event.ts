import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DatePrecision } from '../dates/partial-date';
import { Node } from '../graphql/entity-types/node';
import { EventKind } from './event-kind';
import { LIMITS } from './limits';
import { DEFAULT_VERIFICATION, Verification } from './verification';

@ObjectType({
  implements: Node,
  description: 'A dated, sourced event linked to the fronts, regions, leaders and actors it concerns.',
})
@Entity('events')
@Index('idx_events_date_order', ['dateStart', 'id'])
@Index('idx_events_date_end', ['dateEnd'])
// Month and year events only: the few a briefing looks for among all the events that end after a day.
@Index('idx_events_periods', ['dateEnd'], { where: `"date_precision" <> 'DAY'` })
export class Event {
  @Field(() => ID, { description: "Opaque, stable identifier; clients' caches key the event on it." })
  @PrimaryColumn({ type: 'varchar', length: LIMITS.id })
  id: string;

  @Field(() => String, {
    nullable: true,
    description: 'The importer-supplied identifier that makes imports idempotent.',
  })
  @Index({ unique: true })
  @Column({ name: 'external_id', type: 'varchar', length: LIMITS.externalId, nullable: true })
  externalId: string | null;

  /** Canonical partial date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  @Column({ name: 'date_value', type: 'varchar', length: LIMITS.partialDate })
  dateValue: string;

  @Column({ name: 'date_start', type: 'varchar', length: LIMITS.partialDate })
  dateStart: string;

  @Column({ name: 'date_end', type: 'varchar', length: LIMITS.partialDate })
  dateEnd: string;

  @Column({ name: 'date_precision', type: 'varchar', length: LIMITS.datePrecision })
  datePrecision: DatePrecision;

  @Column({ name: 'occurred_at', type: 'varchar', length: LIMITS.instant, nullable: true })
  occurredAt: string | null;

  @Field(() => String, { nullable: true, description: 'IANA timezone where the event happened, when a time is known.' })
  @Column({ type: 'varchar', length: LIMITS.timezone, nullable: true })
  timezone: string | null;

  @Field({ description: 'One-line headline.' })
  @Column({ type: 'varchar', length: LIMITS.eventTitle })
  title: string;

  @Field({ description: 'What happened, in a few sentences.' })
  @Column({ type: 'text' })
  summary: string;

  @Field(() => EventKind, { description: 'Where the event sits in the taxonomy.' })
  @Column({ type: 'varchar', length: LIMITS.kind })
  kind: EventKind;

  @Field(() => Int, { description: '1 (minor) to 5 (historic).' })
  @Column({ type: 'integer' })
  significance: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the date is approximate ("The article gives no exact day."), when it is; every briefing format marks such an event "approximate date".',
  })
  @Column({ name: 'date_note', type: 'varchar', length: LIMITS.dateNote, nullable: true })
  dateNote: string | null;

  /** The front a briefing tells the event in (one of its fronts); null: the first of them in briefing order. */
  @Column({ name: 'primary_front_id', type: 'varchar', length: LIMITS.id, nullable: true })
  primaryFrontId: string | null;

  @Field(() => Verification, { description: 'How well the event is established; REPORTED unless an editor said.' })
  @Column({ type: 'varchar', length: LIMITS.verification, default: DEFAULT_VERIFICATION })
  verification: Verification;

  @Field(() => Int, {
    description:
      'Starts at 1 and goes up by one with every change; pass it as `updateEvent(expectedRevision:)` so an edit based on an older read is refused instead of overwriting a newer one.',
  })
  @Column({ type: 'integer', default: 1 })
  revision: number;

  /** Title and summary as the text filter compares them (`eventSearchText`), kept in step by every write. */
  @Column({ name: 'search_text', type: 'text', default: '' })
  searchText: string;

  /** Hash of the validated input last written, so a re-import that changes nothing is skipped. */
  @Column({ name: 'content_hash', type: 'varchar', length: LIMITS.sha256Hex })
  contentHash: string;

  @Column({ name: 'created_at', type: 'varchar', length: LIMITS.instant })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: LIMITS.instant })
  updatedAt: string;
}
