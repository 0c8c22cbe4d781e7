import { MAX_TIMEZONE_LENGTH } from '../dates/partial-date';

/**
 * The one definition of how long stored text may be. Entity column lengths and the validators both read these,
 * so a value the validators accept always fits its column on PostgreSQL (which, unlike SQLite, enforces
 * varchar lengths). Lengths are in characters; JavaScript counts UTF-16 code units, never fewer than PostgreSQL's
 * characters, so a checked value is never longer in the database than it was here.
 */
export const LIMITS = {
  /** UUIDs. */
  id: 36,
  slug: 64,
  name: 200,
  office: 200,
  frontStatus: 200,
  kind: 32,
  regionKind: 20,
  isoCode: 10,
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  partialDate: 10,
  /** An ISO 8601 instant as `toISOString()` writes it (24 characters; room for a six-digit year). */
  instant: 30,
  timezone: MAX_TIMEZONE_LENGTH,
  externalId: 200,
  eventTitle: 300,
  sourcePublisher: 200,
  sourceTitle: 300,
  /** A source URL after normalisation: that is the string stored. */
  url: 2000,
  /** A SHA-256 in hex: content hashes and source identities. */
  sha256Hex: 64,
  apiKeyName: 100,
  /** Why an event was corrected or retracted (`updateEvent`/`deleteEvent(reason:)`). */
  revisionReason: 500,
  apiKeyRole: 10,
  apiKeyPrefix: 20,
  idempotencyKey: 200,
  messageId: 255,
  datePrecision: 5,
  /** assessments.confidence: a Confidence value. */
  confidence: 20,
  /** events.verification and quotes.verification: a Verification value. */
  verification: 12,
  /** Why an event's date is approximate (`dateNote`). */
  dateNote: 300,
  /** An assessment's judgement. */
  assessmentText: 2_000,
  /** change_log.entity_type. */
  entityType: 20,
  /** change_log.action, deliveries.status and transport: values of closed sets. */
  shortCode: 10,
} as const;
