import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Actor } from '../../entities/actor';
import { Event } from '../../entities/event';
import { Front } from '../../entities/front';
import { Leader } from '../../entities/leader';
import { Quote } from '../../entities/quote';
import { Region } from '../../entities/region';
import { Source } from '../../entities/source';
import { eventCursor } from '../../services/event-service';
import type { GraphQLContext } from '../context/context';
import { EventCreateInput, EventFilterInput, EventUpdateInput } from '../inputs/event-inputs';
import { DateScalar } from '../scalars/date-scalar';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import { PartialDateScalar } from '../scalars/partial-date-scalar';
import { DatePrecisionEnum } from '../types/date-precision';
import { EventConnection, ImportEventsResult, toConnection } from '../types/event-connection';
import { EventRevision, toEventRevision } from '../types/event-revision-types';

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { description: 'The event with this id, or null.', nullable: true })
  event(
    @Arg('id', () => ID, { description: "The event's id." }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Event | null> {
    return ctx.services.events.byId(id);
  }

  @Query(() => EventConnection, {
    description:
      'Events matching the filter, newest first, a page at a time: forwards with `first` and `after`, backwards ' +
      'with `last` and `before` (1 to 100; 20 forwards when neither is given; not both).',
  })
  async events(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => EventFilterInput, { description: 'Which events; all when omitted.', nullable: true })
    filter?: EventFilterInput,
    @Arg('first', () => Int, { description: 'How many from the start of the range, 1 to 100.', nullable: true })
    first?: number | null,
    @Arg('after', () => String, {
      description: 'A cursor (`pageInfo.endCursor`): the range starts after that event.',
      nullable: true,
    })
    after?: string | null,
    @Arg('last', () => Int, { description: 'How many from the end of the range, 1 to 100.', nullable: true })
    last?: number | null,
    @Arg('before', () => String, {
      description: 'A cursor (`pageInfo.startCursor`): the range ends before that event.',
      nullable: true,
    })
    before?: string | null,
  ): Promise<EventConnection> {
    const page = await ctx.services.events.list(filter ?? {}, { first, after, last, before });
    return toConnection({ ...page, items: page.events }, eventCursor);
  }

  @FieldResolver(() => PartialDateScalar, {
    description: 'The date at its known precision: `2025-11-15`, `2024-12` or `2024`.',
  })
  date(@Root() event: Event): string {
    return event.dateValue;
  }

  @FieldResolver(() => DatePrecisionEnum, { description: 'How precisely `date` is known.' })
  datePrecision(@Root() event: Event): DatePrecisionEnum {
    return event.datePrecision as DatePrecisionEnum;
  }

  @FieldResolver(() => DateScalar, { description: "First day of the event's period." })
  startDate(@Root() event: Event): string {
    return event.dateStart;
  }

  @FieldResolver(() => DateScalar, { description: "Last day of the event's period." })
  endDate(@Root() event: Event): string {
    return event.dateEnd;
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true, description: 'The instant, when the time is known.' })
  occurredAt(@Root() event: Event): string | null {
    return event.occurredAt;
  }

  @FieldResolver(() => DateTimeScalar, { description: 'When the event was recorded.' })
  createdAt(@Root() event: Event): string {
    return event.createdAt;
  }

  @FieldResolver(() => DateTimeScalar, { description: 'When the event was last changed.' })
  updatedAt(@Root() event: Event): string {
    return event.updatedAt;
  }

  @FieldResolver(() => [Front], { description: 'The fronts it concerns, in briefing order.' })
  fronts(@Root() event: Event, @Ctx() ctx: GraphQLContext): Promise<Front[]> {
    return ctx.loaders.frontsByEvent.load(event.id);
  }

  @FieldResolver(() => Front, {
    nullable: true,
    description:
      'The front a briefing tells the event in full, when an editor chose one; otherwise the first of `fronts` in briefing order is.',
  })
  primaryFront(@Root() event: Event, @Ctx() ctx: GraphQLContext): Promise<Front | null> {
    return event.primaryFrontId === null ? Promise.resolve(null) : ctx.loaders.frontById.load(event.primaryFrontId);
  }

  @FieldResolver(() => [Region], { description: 'The regions it concerns.' })
  regions(@Root() event: Event, @Ctx() ctx: GraphQLContext): Promise<Region[]> {
    return ctx.loaders.regionsByEvent.load(event.id);
  }

  @FieldResolver(() => [Leader], { description: 'The leaders it involves.' })
  leaders(@Root() event: Event, @Ctx() ctx: GraphQLContext): Promise<Leader[]> {
    return ctx.loaders.leadersByEvent.load(event.id);
  }

  @FieldResolver(() => [Actor], { description: 'The actors it involves.' })
  actors(@Root() event: Event, @Ctx() ctx: GraphQLContext): Promise<Actor[]> {
    return ctx.loaders.actorsByEvent.load(event.id);
  }

  @FieldResolver(() => [Source], { description: 'At least one; in the order given.' })
  sources(@Root() event: Event, @Ctx() ctx: GraphQLContext): Promise<Source[]> {
    return ctx.loaders.sourcesByEvent.load(event.id);
  }

  // Editors only: earlier states hold titles the event no longer has (a retitled "… named in leak"), and a reader
  // sees only what the event shows now.
  @Authorized('editor')
  @FieldResolver(() => [EventRevision], {
    description:
      'Every write to the event, oldest first, each with the state it left (see `eventRevisions`). Editor only: earlier states may hold titles the event no longer shows.',
  })
  async revisions(@Root() event: Event, @Ctx() ctx: GraphQLContext): Promise<EventRevision[]> {
    return (await ctx.loaders.revisionsByEvent.load(event.id)).map(toEventRevision);
  }

  @Authorized('editor')
  @Query(() => [EventRevision], {
    description:
      "The revisions of the event with this id, oldest first, deleted events' included (ending in their tombstone); empty for an unknown id. Editor only: a retracted event's titles are not for anonymous readers.",
  })
  async eventRevisions(
    @Arg('id', () => ID, { description: "The event's id." }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<EventRevision[]> {
    return ((await ctx.services.events.revisions([id])).get(id) ?? []).map(toEventRevision);
  }

  @FieldResolver(() => [Quote], { description: 'Exact words said, in the order given.' })
  quotes(@Root() event: Event, @Ctx() ctx: GraphQLContext): Promise<Quote[]> {
    return ctx.loaders.quotesByEvent.load(event.id);
  }

  @Authorized('editor')
  @Mutation(() => Event, { description: 'Records an event. Editor only.' })
  createEvent(
    @Arg('input', { description: 'The event.' }) input: EventCreateInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Event> {
    return ctx.services.events.create(input, ctx.principal?.name ?? null);
  }

  @Authorized('editor')
  @Mutation(() => Event, { description: 'Edits an event: fields left out keep their value. Editor only.' })
  updateEvent(
    @Arg('id', () => ID, { description: "The event's id." }) id: string,
    @Arg('input', { description: 'The fields to change.' }) input: EventUpdateInput,
    @Ctx() ctx: GraphQLContext,
    @Arg('expectedRevision', () => Int, {
      nullable: true,
      description:
        'The `revision` the edit is based on: if the event has changed since, nothing is saved and the answer is CONFLICT.',
    })
    expectedRevision?: number | null,
    @Arg('reason', () => String, {
      nullable: true,
      description:
        'Why the event changed ("correction: wrong date"), kept with its revision; one line, at most 500 characters.',
    })
    reason?: string | null,
  ): Promise<Event> {
    return ctx.services.events.update(id, input, expectedRevision, reason, ctx.principal?.name ?? null);
  }

  @Authorized('editor')
  @Mutation(() => Boolean, {
    description: 'Deletes an event and its quotes, recording a tombstone revision (see `eventRevisions`). Editor only.',
  })
  deleteEvent(
    @Arg('id', () => ID, { description: "The event's id." }) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('reason', () => String, {
      nullable: true,
      description: 'Why it was deleted (a retraction), kept with the tombstone; one line, at most 500 characters.',
    })
    reason?: string | null,
  ): Promise<boolean> {
    return ctx.services.events.delete(id, reason, ctx.principal?.name ?? null);
  }

  @Authorized('editor')
  @Mutation(() => ImportEventsResult, {
    description:
      'Imports events all or nothing, matched by externalId (required): importing again changes nothing. Editor only.',
  })
  importEvents(
    @Arg('events', () => [EventCreateInput], { description: 'The events, each with an externalId.' })
    events: EventCreateInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<ImportEventsResult> {
    return ctx.services.events.import(events, 'events', ctx.principal?.name ?? null);
  }
}

@Resolver(() => EventConnection)
export class EventConnectionResolver {
  @FieldResolver(() => Int, { description: 'Events matching the filter, across all pages.' })
  totalCount(@Root() connection: EventConnection): Promise<number> {
    return connection.countAll();
  }
}
