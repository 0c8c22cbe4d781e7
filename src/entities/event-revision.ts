import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LIMITS } from './limits';

/** A source as an event revision recorded it. */
export interface RevisionSource {
  publisher: string;
  title: string;
  url: string | null;
  publishedOn: string | null;
}

/** A quote as an event revision recorded it; `source` indexes the revision's sources. */
export interface RevisionQuote {
  text: string;
  leader: string | null;
  actor: string | null;
  source: number;
  /** Absent in revisions recorded before verification existed, when every quote was REPORTED. */
  verification?: string;
}

/** An event's full state after a write, with slugs for what it links to (the JSON of `event_revisions.state`). */
export interface RevisionState {
  date: string;
  precision: string;
  /**
   * The instant, when a time is known, and its IANA timezone. Absent (not null) in states recorded before they
   * were added to revisions: those read as an event without a time.
   */
  occurredAt?: string | null;
  timezone?: string | null;
  title: string;
  summary: string;
  kind: string;
  significance: number;
  /** Absent in revisions recorded before verification existed, when every event was REPORTED. */
  verification?: string;
  /** The primary front's slug; absent or null when none was given. */
  primaryFront?: string | null;
  /** Absent or null when the date is not marked approximate. */
  dateNote?: string | null;
  fronts: string[];
  regions: string[];
  leaders: string[];
  actors: string[];
  sources: RevisionSource[];
  quotes: RevisionQuote[];
}

/**
 * One write to an event, never changed afterwards: numbered like the event's `revision`. No foreign key to
 * `events`: a deleted event's history (its tombstone included) outlives it.
 */
@Entity('event_revisions')
export class EventRevisionRow {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: LIMITS.id })
  eventId: string;

  @PrimaryColumn({ type: 'integer' })
  revision: number;

  @Column({ type: 'varchar', length: LIMITS.instant })
  at: string;

  /** The API key's name; null when written outside the API (CLI import, seeds, the migration's backfill). */
  @Column({ name: 'written_by', type: 'varchar', length: LIMITS.apiKeyName, nullable: true })
  by: string | null;

  @Column({ type: 'varchar', length: LIMITS.revisionReason, nullable: true })
  reason: string | null;

  /** The RevisionState as JSON; null for a deletion (a tombstone). */
  @Column({ type: 'text', nullable: true })
  state: string | null;
}
