import { Field, ID, Int, ObjectType } from 'type-graphql';
import { EventKind } from '../../entities/event-kind';
import type { EventRevisionRow, RevisionState } from '../../entities/event-revision';
import { DEFAULT_VERIFICATION, Verification } from '../../entities/verification';
import { withoutCredentials } from '../../validation/safe-url';
import { CitedDocument } from '../entity-types/cited-document';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import { PartialDateScalar } from '../scalars/partial-date-scalar';
import { DatePrecisionEnum } from './date-precision';

@ObjectType({ description: 'A quote as a revision recorded it, its speaker by slug.' })
export class EventRevisionQuote {
  @Field({ description: 'The exact words.' })
  text: string;

  @Field(() => String, { description: "The speaking leader's slug, when a leader said it.", nullable: true })
  leader: string | null;

  @Field(() => String, { description: "The speaking actor's slug, when an actor said it.", nullable: true })
  actor: string | null;

  @Field(() => Int, { description: 'The position (from 0) in `sources` of the source that carries the quote.' })
  source: number;

  @Field(() => Verification, { description: 'How well it was established that the words were said.' })
  verification: Verification;
}

@ObjectType({ description: "An event's fields as they stood after one write; linked records by slug." })
export class EventRevisionState {
  @Field(() => PartialDateScalar, { description: 'The date at its known precision.' })
  date: string;

  @Field(() => DatePrecisionEnum, { description: 'How precisely `date` is known.' })
  datePrecision: DatePrecisionEnum;

  @Field(() => String, { nullable: true, description: 'Why the date was approximate, when it was.' })
  dateNote: string | null;

  @Field({ description: 'One-line headline.' })
  title: string;

  @Field({ description: 'What happened, in a few sentences.' })
  summary: string;

  @Field(() => EventKind, { description: 'Where the event sits in the taxonomy.' })
  kind: EventKind;

  @Field(() => Int, { description: '1 (minor) to 5 (historic).' })
  significance: number;

  @Field(() => Verification, { description: 'How well it was established.' })
  verification: Verification;

  @Field(() => [String], { description: 'Slugs of the fronts it concerned.' })
  fronts: string[];

  @Field(() => String, { nullable: true, description: 'Slug of its primary front, when one was given.' })
  primaryFront: string | null;

  @Field(() => [String], { description: 'Slugs of the regions it concerned.' })
  regions: string[];

  @Field(() => [String], { description: 'Slugs of the leaders it involved.' })
  leaders: string[];

  @Field(() => [String], { description: 'Slugs of the actors it involved.' })
  actors: string[];

  @Field(() => [CitedDocument], { description: 'Its sources, in order.' })
  sources: CitedDocument[];

  @Field(() => [EventRevisionQuote], { description: 'Its quotes, in order.' })
  quotes: EventRevisionQuote[];
}

@ObjectType({ description: 'One recorded write to an event: never changed afterwards.' })
export class EventRevision {
  @Field(() => ID, { description: 'The event id and revision number: `<eventId>:<revision>`.' })
  id: string;

  @Field(() => ID, { description: "The event's id (the event may since have been deleted)." })
  eventId: string;

  @Field(() => Int, {
    description: "The event's `revision` after this write: 1 for its creation, then one more each time.",
  })
  revision: number;

  @Field(() => DateTimeScalar, { description: 'When the write happened.' })
  at: string;

  @Field(() => String, {
    description:
      "The name of the API key that wrote it; null when written outside the API (the CLI's import, the seeds) or recorded when revisions were introduced.",
    nullable: true,
  })
  by: string | null;

  @Field(() => String, {
    description:
      'Why, when the writer said: a correction (`updateEvent(reason:)`) or a retraction (`deleteEvent(reason:)`).',
    nullable: true,
  })
  reason: string | null;

  @Field({ description: 'Whether this write deleted the event (a tombstone: `state` is null).' })
  deleted: boolean;

  @Field(() => EventRevisionState, {
    description: 'The event as it stood after the write; null for a deletion.',
    nullable: true,
  })
  state: EventRevisionState | null;
}

/** The GraphQL view of a stored revision row. */
export function toEventRevision(row: EventRevisionRow): EventRevision {
  const stored = row.state === null ? null : (JSON.parse(row.state) as RevisionState);
  return {
    id: `${row.eventId}:${row.revision}`,
    eventId: row.eventId,
    revision: row.revision,
    at: row.at,
    by: row.by,
    reason: row.reason,
    deleted: stored === null,
    state:
      stored === null
        ? null
        : {
            date: stored.date,
            datePrecision: stored.precision as DatePrecisionEnum,
            dateNote: stored.dateNote ?? null,
            title: stored.title,
            summary: stored.summary,
            kind: stored.kind as EventKind,
            significance: stored.significance,
            // Revisions from before verification existed: every event and quote was a plain report then.
            verification: (stored.verification as Verification | undefined) ?? DEFAULT_VERIFICATION,
            fronts: stored.fronts,
            primaryFront: stored.primaryFront ?? null,
            regions: stored.regions,
            leaders: stored.leaders,
            actors: stored.actors,
            // As `Source.url` hands them out: a URL stored before credentials were refused comes without them.
            sources: stored.sources.map((s) => ({ ...s, url: s.url === null ? null : withoutCredentials(s.url) })),
            quotes: stored.quotes.map((q) => ({
              ...q,
              verification: (q.verification as Verification | undefined) ?? DEFAULT_VERIFICATION,
            })),
          },
  };
}
