import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from './limits';

/** The kinds of a front's dated records. */
export type FrontRecordKind = 'front-status' | 'front-issue' | 'front-context';

/** The kinds of record `editorial_revisions` holds: a front's dated records and assessments. */
export type EditorialKind = FrontRecordKind | 'assessment';

/**
 * One write to an editorial record (a status period, issue, context note or assessment), never changed afterwards.
 * No foreign key, so a deleted record's history (its tombstone included) outlives it.
 */
@Entity('editorial_revisions')
export class EditorialRevisionRow {
  @PrimaryColumn({ type: 'varchar', length: LIMITS.kind })
  kind: EditorialKind;

  @PrimaryColumn({ name: 'record_id', type: 'varchar', length: LIMITS.id })
  recordId: string;

  @PrimaryColumn({ type: 'integer' })
  revision: number;

  @Column({ type: 'varchar', length: LIMITS.instant })
  at: string;

  /** The API key's name; null when written outside the API (seeds, the migration's backfill). */
  @Column({ name: 'written_by', type: 'varchar', length: LIMITS.apiKeyName, nullable: true })
  by: string | null;

  @Column({ type: 'varchar', length: LIMITS.revisionReason, nullable: true })
  reason: string | null;

  /** The record's fields after the write, as JSON; null for a deletion (a tombstone: only assessments are deleted). */
  @Column({ type: 'text', nullable: true })
  state: string | null;
}
