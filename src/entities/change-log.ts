import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { LIMITS } from './limits';

export type ChangeAction = 'CREATED' | 'UPDATED' | 'DELETED';

/**
 * Every write appends here. Its highest id is the data's revision (cache keys and ETags use it), and its event
 * rows answer "what changed since" — including deletions, whose event rows are gone.
 */
@Entity('change_log')
@Index('idx_change_log_changed_at', ['changedAt'])
export class ChangeLogEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'entity_type', type: 'varchar', length: LIMITS.entityType })
  entityType: 'event' | 'region' | 'leader' | 'actor' | 'front' | 'assessment';

  @Column({ name: 'entity_id', type: 'varchar', length: LIMITS.id })
  entityId: string;

  @Column({ type: 'varchar', length: LIMITS.shortCode })
  action: ChangeAction;

  @Column({ name: 'changed_at', type: 'varchar', length: LIMITS.instant })
  changedAt: string;

  /**
   * For events: the period the event covered (before a deletion, after any other change). For a front record
   * (status, issue, context note): the days it may hold on before or after the write; no end while open-ended.
   */
  @Column({ name: 'date_start', type: 'varchar', length: LIMITS.partialDate, nullable: true })
  dateStart: string | null;

  @Column({ name: 'date_end', type: 'varchar', length: LIMITS.partialDate, nullable: true })
  dateEnd: string | null;

  /** For events, assessments and front records: the front slugs it touched, comma-separated with leading and trailing commas (`,gaza,iran,`). */
  @Column({ name: 'front_slugs', type: 'text', nullable: true })
  frontSlugs: string | null;

  @Column({ type: 'varchar', length: LIMITS.eventTitle, nullable: true })
  title: string | null;
}
