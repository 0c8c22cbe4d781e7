import { Field, InputType, Int } from 'type-graphql';
import { EventKind } from '../../entities/event-kind';
import { Verification } from '../../entities/verification';
import type { EventInput, QuoteInput, SourceInput } from '../../validation/inputs';
import { DateScalar } from '../scalars/date-scalar';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import { PartialDateScalar } from '../scalars/partial-date-scalar';

@InputType('SourceInput', { description: 'A document that reports an event; the same URL is the same stored source.' })
export class SourceInputObject implements SourceInput {
  @Field({ description: 'Who published it, e.g. "Reuters".' }) publisher: string;
  @Field({ description: 'The headline or title of the document.' }) title: string;
  @Field(() => String, {
    description: 'Where the document can be read; a source with the same URL is the same source.',
    nullable: true,
  })
  url?: string | null;
  @Field(() => DateScalar, { description: 'The day it was published, when known.', nullable: true }) publishedOn?:
    string | null;
}

@InputType('QuoteInput', { description: 'Exact words and who said them: give exactly one of leader and actor.' })
export class QuoteInputObject implements QuoteInput {
  @Field({ description: 'The exact quoted text.' }) text: string;
  @Field(() => String, { nullable: true, description: 'Slug of the leader who said it.' }) leader?: string | null;
  @Field(() => String, { nullable: true, description: 'Slug of the actor that said it.' }) actor?: string | null;
  @Field(() => Int, { nullable: true, description: 'Index in `sources` of the source carrying the quote (default 0).' })
  source?: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'The URL of the source carrying the quote, instead of its index in `sources`.',
  })
  sourceUrl?: string | null;
  @Field(() => Verification, {
    nullable: true,
    description: 'How well it is established that the words were said (default REPORTED).',
  })
  verification?: Verification | null;
}

@InputType({ description: 'A new event. Related records are named by slug; at least one source is required.' })
export class EventCreateInput implements EventInput {
  @Field(() => String, { nullable: true, description: 'Your identifier for the event; imports match on it.' })
  externalId?: string | null;
  @Field(() => PartialDateScalar, { description: 'The day, or the month or year when that is all that is known.' })
  date: string;
  @Field(() => String, {
    nullable: true,
    description: 'Why the date is approximate, when it is (one line, at most 300 characters).',
  })
  dateNote?: string | null;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'The instant, when known; its day in `timezone` must be `date`.',
  })
  occurredAt?: string | null;
  @Field(() => String, { nullable: true, description: 'IANA timezone of the place, with occurredAt.' }) timezone?:
    string | null;
  @Field({ description: 'One-line headline.' }) title: string;
  @Field({ description: 'What happened, in a few sentences.' }) summary: string;
  @Field(() => EventKind, { description: 'Where the event sits in the taxonomy.' }) kind: EventKind;
  @Field(() => Int, { description: '1 to 5.' }) significance: number;
  @Field(() => Verification, { nullable: true, description: 'How well the event is established (default REPORTED).' })
  verification?: Verification | null;
  @Field(() => [String], { nullable: true, description: 'Front slugs.' }) fronts?: string[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Slug of the front a briefing tells the event in full (one of `fronts`); the first of them in briefing order when omitted.',
  })
  primaryFront?: string | null;
  @Field(() => [String], { nullable: true, description: 'Region slugs.' }) regions?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Leader slugs.' }) leaders?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Actor slugs.' }) actors?: string[] | null;
  @Field(() => [SourceInputObject], {
    description: 'The documents that report it, at least one; quotes point into this list.',
  })
  sources: SourceInputObject[];
  @Field(() => [QuoteInputObject], {
    description: 'Exact words said, each with its speaker and source.',
    nullable: true,
  })
  quotes?: QuoteInputObject[] | null;
}

@InputType({ description: 'An edit: fields left out keep their value; a list given replaces the stored list.' })
export class EventUpdateInput implements Partial<EventInput> {
  @Field(() => String, { description: 'Your identifier for the event.', nullable: true }) externalId?: string | null;
  @Field(() => PartialDateScalar, {
    description: 'The day, or the month or year when that is all that is known.',
    nullable: true,
  })
  date?: string;
  @Field(() => String, { nullable: true, description: 'Why the date is approximate; null when it is not.' })
  dateNote?: string | null;
  @Field(() => DateTimeScalar, {
    description: 'The instant, when known; its day in `timezone` must be `date`.',
    nullable: true,
  })
  occurredAt?: string | null;
  @Field(() => String, { description: 'IANA timezone of the place, with occurredAt.', nullable: true }) timezone?:
    string | null;
  @Field({ description: 'One-line headline.', nullable: true }) title?: string;
  @Field({ description: 'What happened, in a few sentences.', nullable: true }) summary?: string;
  @Field(() => EventKind, { description: 'Where the event sits in the taxonomy.', nullable: true }) kind?: EventKind;
  @Field(() => Int, { description: '1 to 5.', nullable: true }) significance?: number;
  @Field(() => Verification, { description: 'How well the event is established.', nullable: true })
  verification?: Verification | null;
  @Field(() => [String], { description: 'Front slugs; replaces the stored list.', nullable: true }) fronts?:
    string[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Slug of the front a briefing tells the event in full (one of its fronts); null for the first in briefing order. New `fronts` without the stored one clear it.',
  })
  primaryFront?: string | null;
  @Field(() => [String], { description: 'Region slugs; replaces the stored list.', nullable: true }) regions?:
    string[] | null;
  @Field(() => [String], { description: 'Leader slugs; replaces the stored list.', nullable: true }) leaders?:
    string[] | null;
  @Field(() => [String], { description: 'Actor slugs; replaces the stored list.', nullable: true }) actors?:
    string[] | null;
  @Field(() => [SourceInputObject], {
    description: 'The documents that report it, at least one; replaces the stored list.',
    nullable: true,
  })
  sources?: SourceInputObject[];
  @Field(() => [QuoteInputObject], { description: 'Exact words said; replaces the stored quotes.', nullable: true })
  quotes?: QuoteInputObject[] | null;
}

@InputType({ description: 'Which events to list. All conditions must hold; a list matches any of its values.' })
export class EventFilterInput {
  @Field(() => DateScalar, { nullable: true, description: 'Events whose period ends on or after this day.' }) from?:
    string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Events whose period starts on or before this day.' }) to?:
    string | null;
  @Field(() => [String], { description: 'Events on any of these fronts (slugs).', nullable: true }) fronts?:
    string[] | null;
  @Field(() => [String], { description: 'Events in any of these regions (slugs).', nullable: true }) regions?:
    string[] | null;
  @Field(() => [String], { description: 'Events involving any of these leaders (slugs).', nullable: true }) leaders?:
    string[] | null;
  @Field(() => [String], { description: 'Events involving any of these actors (slugs).', nullable: true }) actors?:
    string[] | null;
  @Field(() => [EventKind], { description: 'Events of any of these kinds.', nullable: true }) kinds?:
    EventKind[] | null;
  @Field(() => Int, { description: 'Events of at least this significance (1 to 5).', nullable: true })
  minSignificance?: number | null;
  @Field(() => [Verification], { description: 'Events of any of these verifications.', nullable: true })
  verification?: Verification[] | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive text in the title or summary.' }) text?:
    string | null;
}
