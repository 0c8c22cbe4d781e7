import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from './limits';

/**
 * How many events a front has on one day, kept by database triggers (see migration 1766000000008): day events on
 * their day (`period` 0), month and year events on their last day (`period` 1). Never written by the application.
 */
@Entity('front_event_days')
export class FrontEventDay {
  @PrimaryColumn({ name: 'front_id', type: 'varchar', length: LIMITS.id })
  frontId: string;

  @PrimaryColumn({ type: 'integer' })
  period: number;

  @PrimaryColumn({ type: 'varchar', length: LIMITS.partialDate })
  day: string;

  @Column({ type: 'integer' })
  n: number;
}
