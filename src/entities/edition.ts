import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Node } from '../graphql/entity-types/node';
import { DateScalar } from '../graphql/scalars/date-scalar';
import { DateTimeScalar } from '../graphql/scalars/date-time-scalar';
import { LIMITS } from './limits';

/** `frontsKey` of an edition of every front. */
export const ALL_FRONTS_KEY = 'all';

/**
 * A briefing published as it was known at a cutoff, numbered per date, fronts and timezone. Never changed after it
 * is written: the frozen composed briefing and each format's bytes (EditionFormatRow) are what it shows forever.
 */
@ObjectType({
  implements: Node,
  description:
    'A briefing published as known at an information cutoff: numbered 1, 2, … per date, fronts and timezone, and the same bytes in every format forever after.',
})
@Entity('editions')
@Index('uq_editions_number', ['date', 'frontsKey', 'timezone', 'number'], { unique: true })
@Index('idx_editions_published', ['publishedAt', 'id'])
export class Edition {
  @Field(() => ID, { description: "Opaque, stable identifier; clients' caches key the edition on it." })
  @PrimaryColumn({ type: 'varchar', length: LIMITS.id })
  id: string;

  @Field(() => Int, { description: 'Its place among the editions of its date, fronts and timezone: 1, 2, …' })
  @Column({ type: 'integer' })
  number: number;

  @Field(() => DateScalar, { description: 'The day the briefing is for.' })
  @Column({ type: 'varchar', length: LIMITS.partialDate })
  date: string;

  /** Sorted front slugs joined by commas, or ALL_FRONTS_KEY: one value per selection, for the numbering's index. */
  @Column({ name: 'fronts_key', type: 'text' })
  frontsKey: string;

  @Field(() => String, { description: 'IANA timezone of its days and times.' })
  @Column({ type: 'varchar', length: LIMITS.timezone })
  timezone: string;

  @Field(() => DateTimeScalar, { description: 'The information cutoff: the data as it was at this instant.' })
  @Column({ type: 'varchar', length: LIMITS.instant })
  cutoff: string;

  @Field(() => DateTimeScalar, { description: 'When it was published.' })
  @Column({ name: 'published_at', type: 'varchar', length: LIMITS.instant })
  publishedAt: string;

  @Field(() => String, {
    nullable: true,
    description: 'The name of the API key that published it; null when published outside the API (the CLI).',
  })
  @Column({ name: 'published_by', type: 'varchar', length: LIMITS.apiKeyName, nullable: true })
  publishedBy: string | null;

  @Field(() => Int, { description: "The data's revision (the change log's newest entry) when it was published." })
  @Column({ name: 'data_revision', type: 'integer' })
  dataRevision: number;

  /** The composed Briefing as JSON, exactly as it was rendered. */
  @Column({ type: 'text' })
  briefing: string;
}

/** One format of an edition: its bytes (base64, portable across both databases) and their SHA-256. */
@Entity('edition_formats')
export class EditionFormatRow {
  @PrimaryColumn({ name: 'edition_id', type: 'varchar', length: LIMITS.id })
  editionId: string;

  @PrimaryColumn({ type: 'varchar', length: LIMITS.shortCode })
  format: string;

  @Column({ type: 'varchar', length: LIMITS.sha256Hex })
  sha256: string;

  @Column({ name: 'byte_length', type: 'integer' })
  byteLength: number;

  @Column({ name: 'content_type', type: 'varchar', length: LIMITS.name })
  contentType: string;

  /** Derived from the date and up to five front slugs, and a template name from the operator's manifest: unbounded. */
  @Column({ type: 'text' })
  filename: string;

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'text' })
  body: string;
}
