import { Field, InputType, Int } from 'type-graphql';
import { EventKind } from '../../entities/event-kind';
import type { EventInput, QuoteInput, SourceInput } from '../../validation/inputs';
import { DateScalar } from '../scalars/date-scalar';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import { PartialDateScalar } from '../scalars/partial-date-scalar';

@InputType()
export class SourceInputType implements SourceInput {
  @Field() publisher: string;
  @Field() title: string;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => DateScalar, { nullable: true }) publishedOn?: string | null;
}

@InputType({ description: 'Exact words and who said them: give exactly one of leader and actor.' })
export class QuoteInputType implements QuoteInput {
  @Field() text: string;
  @Field(() => String, { nullable: true, description: 'Slug of the leader who said it.' }) leader?: string | null;
  @Field(() => String, { nullable: true, description: 'Slug of the actor that said it.' }) actor?: string | null;
  @Field(() => Int, { nullable: true, description: 'Index in `sources` of the source carrying the quote (default 0).' })
  source?: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'The URL of the source carrying the quote, instead of its index in `sources`.',
  })
  sourceUrl?: string | null;
}

@InputType({ description: 'A new event. Related records are named by slug; at least one source is required.' })
export class EventCreateInput implements EventInput {
  @Field(() => String, { nullable: true, description: 'Your identifier for the event; imports match on it.' })
  externalId?: string | null;
  @Field(() => PartialDateScalar, { description: 'The day, or the month or year when that is all that is known.' })
  date: string;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'The instant, when known; its day in `timezone` must be `date`.',
  })
  occurredAt?: string | null;
  @Field(() => String, { nullable: true, description: 'IANA timezone of the place, with occurredAt.' }) timezone?:
    string | null;
  @Field() title: string;
  @Field() summary: string;
  @Field(() => EventKind) kind: EventKind;
  @Field(() => Int, { description: '1 to 5.' }) significance: number;
  @Field(() => [String], { nullable: true, description: 'Front slugs.' }) fronts?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Region slugs.' }) regions?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Leader slugs.' }) leaders?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Actor slugs.' }) actors?: string[] | null;
  @Field(() => [SourceInputType]) sources: SourceInputType[];
  @Field(() => [QuoteInputType], { nullable: true }) quotes?: QuoteInputType[] | null;
}

@InputType({ description: 'An edit: fields left out keep their value; a list given replaces the stored list.' })
export class EventUpdateInput implements Partial<EventInput> {
  @Field(() => String, { nullable: true }) externalId?: string | null;
  @Field(() => PartialDateScalar, { nullable: true }) date?: string;
  @Field(() => DateTimeScalar, { nullable: true }) occurredAt?: string | null;
  @Field(() => String, { nullable: true }) timezone?: string | null;
  @Field({ nullable: true }) title?: string;
  @Field({ nullable: true }) summary?: string;
  @Field(() => EventKind, { nullable: true }) kind?: EventKind;
  @Field(() => Int, { nullable: true }) significance?: number;
  @Field(() => [String], { nullable: true }) fronts?: string[] | null;
  @Field(() => [String], { nullable: true }) regions?: string[] | null;
  @Field(() => [String], { nullable: true }) leaders?: string[] | null;
  @Field(() => [String], { nullable: true }) actors?: string[] | null;
  @Field(() => [SourceInputType], { nullable: true }) sources?: SourceInputType[];
  @Field(() => [QuoteInputType], { nullable: true }) quotes?: QuoteInputType[] | null;
}

@InputType({ description: 'Which events to list. All conditions must hold; a list matches any of its values.' })
export class EventFilterInput {
  @Field(() => DateScalar, { nullable: true, description: 'Events whose period ends on or after this day.' }) from?:
    string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Events whose period starts on or before this day.' }) to?:
    string | null;
  @Field(() => [String], { nullable: true }) fronts?: string[] | null;
  @Field(() => [String], { nullable: true }) regions?: string[] | null;
  @Field(() => [String], { nullable: true }) leaders?: string[] | null;
  @Field(() => [String], { nullable: true }) actors?: string[] | null;
  @Field(() => [EventKind], { nullable: true }) kinds?: EventKind[] | null;
  @Field(() => Int, { nullable: true }) minSignificance?: number | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive text in the title or summary.' }) text?:
    string | null;
}
