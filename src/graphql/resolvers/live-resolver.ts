import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription, SubscribeResolverData } from 'type-graphql';
import { MAX_FRONTS_PER_REQUEST } from '../../briefings/briefing-service';
import { Delivery } from '../../entities/delivery';
import { Edition } from '../../entities/edition';
import { Event } from '../../entities/event';
import { badInput } from '../../errors/app-errors';
import { ChangeBatch, EditionNotice, flatMap } from '../../services/live-updates';
import * as check from '../../validation/checks';
import { assertRole } from '../context/auth-checker';
import type { GraphQLContext } from '../context/context';
import { createLoaders } from '../context/loaders';
import { DateScalar } from '../scalars/date-scalar';
import { BriefingChangeAction } from '../types/briefing-types';
import { BriefingChanged, EventChange } from '../types/live-types';

// Subscriptions: each is a stream of what committed writes changed (LiveUpdates), filtered for its arguments.
// Arguments are checked when the subscription starts, so a bad one is an error then, not silence later.

interface EventChangedArgs {
  fronts?: string[] | null;
}

interface BriefingChangedArgs {
  date: string;
  fronts?: string[] | null;
  timezone?: string | null;
}

const FRONTS_DESCRIPTION = 'Only events on one of these fronts (slugs); every event when omitted.';

/** The events of one batch, one change per event and action, with every front its log entries name. */
function eventChangesOf(batch: ChangeBatch): EventChange[] {
  const byEvent = new Map<string, EventChange>();
  for (const entry of batch.changes) {
    if (entry.entityType !== 'event') continue;
    const fronts = (entry.frontSlugs ?? '').split(',').filter((slug) => slug !== '');
    const key = `${entry.entityId}|${entry.action}`;
    const known = byEvent.get(key);
    if (known !== undefined) {
      for (const slug of fronts) if (!known.fronts.includes(slug)) known.fronts.push(slug);
      continue;
    }
    byEvent.set(key, {
      eventId: entry.entityId,
      action: entry.action as BriefingChangeAction,
      changedAt: entry.changedAt,
      revision: batch.revision,
      fronts,
    });
  }
  return [...byEvent.values()];
}

/** The fronts a subscription asks for, checked: null for every front; an unknown slug is BAD_USER_INPUT. */
async function watchedFronts(
  ctx: GraphQLContext,
  fronts: readonly string[] | null | undefined,
): Promise<Set<string> | null> {
  if (fronts === null || fronts === undefined) return null;
  if (fronts.length === 0) throw badInput('fronts', 'must name at least one front, or be left out for all fronts');
  const slugs = check.slugList(fronts, 'fronts', MAX_FRONTS_PER_REQUEST);
  const known = new Set((await ctx.services.fronts.list()).map((front) => front.slug));
  const unknown = slugs.filter((slug) => !known.has(slug));
  if (unknown.length > 0) throw badInput('fronts', `unknown front ${unknown.map((s) => `"${s}"`).join(', ')}`);
  return new Set(slugs);
}

async function subscribeEventChanges({
  args,
  context,
}: SubscribeResolverData<unknown, EventChangedArgs, GraphQLContext>): Promise<AsyncIterable<EventChange>> {
  const fronts = await watchedFronts(context, args.fronts);
  return flatMap(context.live.changes(), (batch) =>
    eventChangesOf(batch).filter((change) => fronts === null || change.fronts.some((slug) => fronts.has(slug))),
  );
}

async function subscribeBriefingChanges({
  args,
  context,
}: SubscribeResolverData<unknown, BriefingChangedArgs, GraphQLContext>): Promise<AsyncIterable<BriefingChanged>> {
  const briefings = context.services.briefings;
  const watched = await briefings.watch({ date: args.date, fronts: args.fronts, timezone: args.timezone });
  return flatMap(context.live.changes(), (batch): BriefingChanged[] => {
    const changes = briefings.changesTouching(watched, batch.changes);
    const assessments = briefings
      .assessmentChangesTouching(watched, batch.changes)
      .map((change) => ({ ...change, action: change.action as BriefingChangeAction }));
    const frontRecords = briefings.frontChangesTouching(watched, batch.changes);
    if (changes.length === 0 && assessments.length === 0 && frontRecords.length === 0) return [];
    const { date, fronts, timezone } = watched.request;
    return [{ date, fronts, timezone, revision: batch.revision, changes, assessments, frontRecords }];
  });
}

async function subscribeEditions({
  args,
  context,
}: SubscribeResolverData<unknown, EventChangedArgs, GraphQLContext>): Promise<AsyncIterable<EditionNotice>> {
  const fronts = await watchedFronts(context, args.fronts);
  // An edition of every front covers each front; one of some fronts, those.
  return flatMap(context.live.editions(), (notice) =>
    fronts === null || notice.fronts === null || notice.fronts.some((slug) => fronts.has(slug)) ? [notice] : [],
  );
}

function subscribeDeliveries({
  context,
}: SubscribeResolverData<unknown, Record<string, never>, GraphQLContext>): AsyncIterable<Delivery> {
  assertRole(context.principal, ['editor']);
  return context.live.deliveries();
}

/**
 * Each event of a subscription is read afresh: the per-request loaders would otherwise keep what the first event
 * read (an event's fronts, its sources) for as long as the subscription lasts.
 */
function freshReads<T>(ctx: GraphQLContext, payload: T): T {
  ctx.loaders = createLoaders(ctx.services.db);
  return payload;
}

@Resolver(() => EventChange)
export class LiveResolver {
  @Subscription(() => EventChange, {
    description:
      'An event created, updated or deleted, after the write commits (on any server process of the deployment). A subscriber that falls far behind misses the oldest; `Briefing.changesSince` has them all.',
    subscribe: subscribeEventChanges,
  })
  eventChanged(
    @Root() change: EventChange,
    @Ctx() ctx: GraphQLContext,
    @Arg('fronts', () => [String], { nullable: true, description: FRONTS_DESCRIPTION }) _fronts?: string[] | null,
  ): EventChange {
    return freshReads(ctx, change);
  }

  @FieldResolver(() => Event, {
    nullable: true,
    description: 'The event as it is now; null when it has been deleted since.',
  })
  event(@Root() change: EventChange, @Ctx() ctx: GraphQLContext): Promise<Event | null> {
    return ctx.services.events.byId(change.eventId);
  }

  @Subscription(() => BriefingChanged, {
    description:
      "A committed write that touches a briefing: an event created, updated or deleted that is dated within the briefing's window and on its fronts (the rule of `Briefing.changesSince`), an assessment that leads its takeaways, or a status period, issue or context note of one of its fronts that holds on its date (the rule of `Briefing.frontChangesSince`). Re-read the briefing for its new content.",
    subscribe: subscribeBriefingChanges,
  })
  briefingChanged(
    @Root() changed: BriefingChanged,
    @Ctx() ctx: GraphQLContext,
    @Arg('date', () => DateScalar, { description: 'The day of the briefing (YYYY-MM-DD).' }) _date: string,
    @Arg('fronts', () => [String], {
      nullable: true,
      description: 'The fronts of the briefing (slugs); every front when omitted.',
    })
    _fronts?: string[] | null,
    @Arg('timezone', () => String, {
      nullable: true,
      description: 'The IANA timezone of the briefing; UTC when omitted.',
    })
    _timezone?: string | null,
  ): BriefingChanged {
    return freshReads(ctx, changed);
  }

  @Subscription(() => Edition, {
    description:
      'An edition published (on any server process of the deployment), after its publication commits: editions of every front, and those of some fronts that include one of `fronts`.',
    subscribe: subscribeEditions,
  })
  editionPublished(
    @Root() notice: EditionNotice,
    @Ctx() ctx: GraphQLContext,
    @Arg('fronts', () => [String], {
      nullable: true,
      description: 'Only editions covering one of these fronts (slugs); every edition when omitted.',
    })
    _fronts?: string[] | null,
  ): Promise<Edition> {
    return freshReads(ctx, ctx.services.editions.get(notice.editionId));
  }

  @Subscription(() => Delivery, {
    description:
      'A delivery recorded or updated (PENDING, then SENT or FAILED), as stored. Editors only: recipients are personal data.',
    subscribe: subscribeDeliveries,
  })
  deliveryUpdated(@Root() delivery: Delivery, @Ctx() ctx: GraphQLContext): Delivery {
    return freshReads(ctx, delivery);
  }
}
