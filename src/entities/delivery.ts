import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateScalar } from '../graphql/scalars/date-scalar';
import { DateTimeScalar } from '../graphql/scalars/date-time-scalar';
import { LIMITS } from './limits';

export enum DeliveryStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'Where an emailed briefing stands.',
  valuesConfig: {
    PENDING: { description: 'Being composed or sent right now (or the process died while it was).' },
    SENT: { description: 'Accepted by the SMTP server, or written to the outbox folder.' },
    FAILED: { description: 'Refused permanently, or still failing after the retries; see `error`.' },
  },
});

export enum DeliveryTransport {
  SMTP = 'SMTP',
  OUTBOX = 'OUTBOX',
}
registerEnumType(DeliveryTransport, {
  name: 'DeliveryTransport',
  description: 'SMTP (SMTP_URL is set) or the outbox folder of .eml files.',
  valuesConfig: {
    SMTP: { description: 'Sent to the SMTP server of SMTP_URL.' },
    OUTBOX: { description: 'Written as an .eml file into the outbox folder.' },
  },
});

/** One send of a briefing by email: every `sendBriefing` and `sitrep email` is recorded here, failures included. */
@ObjectType({
  description: 'A recorded send of a briefing by email. Recipient addresses are personal data: editors only.',
})
@Entity('deliveries')
export class Delivery {
  @Field(() => ID, { description: 'Opaque, stable identifier of the send.' })
  @PrimaryColumn({ type: 'varchar', length: LIMITS.id })
  id: string;

  @Field(() => [String], { description: 'The SMTP envelope recipients, exactly as sent.' })
  @Column({ type: 'simple-json' })
  recipients: string[];

  @Field(() => String, { nullable: true, description: 'The Message-ID header, with its angle brackets.' })
  @Column({ name: 'message_id', type: 'varchar', length: LIMITS.messageId, nullable: true })
  messageId: string | null;

  @Field(() => String, { description: 'The Subject header; null until the message has been composed.', nullable: true })
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Field(() => DeliveryStatus, { description: 'Where the send stands.' })
  @Index()
  @Column({ type: 'varchar', length: LIMITS.shortCode })
  status: DeliveryStatus;

  @Field(() => DeliveryTransport, { description: 'How it was sent.' })
  @Column({ type: 'varchar', length: LIMITS.shortCode })
  transport: DeliveryTransport;

  @Field(() => String, { nullable: true, description: 'Why the send failed, or which recipients the server refused.' })
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Field(() => Int, { description: 'SMTP attempts made (retries of temporary failures included).' })
  @Column({ type: 'integer' })
  attempts: number;

  @Field(() => String, { description: 'The `sendBriefing(idempotencyKey:)` given, if any.', nullable: true })
  @Index({ unique: true })
  @Column({ name: 'idempotency_key', type: 'varchar', length: LIMITS.idempotencyKey, nullable: true })
  idempotencyKey: string | null;

  /** Hash of what was asked for, so a reused idempotency key with another request is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: LIMITS.sha256Hex })
  requestHash: string;

  @Field(() => DateScalar, { description: 'The date of the briefing sent.' })
  @Column({ name: 'briefing_date', type: 'varchar', length: LIMITS.partialDate })
  briefingDate: string;

  @Field(() => [String], { nullable: true, description: 'The fronts asked for; null for all fronts.' })
  @Column({ type: 'simple-json', nullable: true })
  fronts: string[] | null;

  @Field({ description: 'IANA timezone the briefing was composed in.' })
  @Column({ type: 'varchar', length: LIMITS.timezone })
  timezone: string;

  @Field({ description: 'Whether the PDF was attached.' })
  @Column({ name: 'attach_pdf', type: 'boolean' })
  attachPdf: boolean;

  @Field(() => DateTimeScalar, { description: 'When the send was asked for.' })
  @Index()
  @Column({ name: 'created_at', type: 'varchar', length: LIMITS.instant })
  createdAt: string;

  @Field(() => DateTimeScalar, { description: 'When its status last changed.' })
  @Column({ name: 'updated_at', type: 'varchar', length: LIMITS.instant })
  updatedAt: string;
}
