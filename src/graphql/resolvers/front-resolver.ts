import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { contextOn, issuesOn, statusChain, statusOn } from '../../dates/front-record-days';
import { Front } from '../../entities/front';
import { FrontContextNote, FrontIssue, FrontStatusPeriod } from '../../entities/front-history';
import { Region } from '../../entities/region';
import type { GraphQLContext } from '../context/context';
import { FrontUpsertInput } from '../inputs/reference-inputs';
import { DateScalar } from '../scalars/date-scalar';

const today = (): string => new Date().toISOString().slice(0, 10);

@Resolver(() => Front)
export class FrontResolver {
  @Query(() => [Front], { description: 'All fronts, in briefing order.' })
  fronts(@Ctx() ctx: GraphQLContext): Promise<Front[]> {
    return ctx.services.fronts.list();
  }

  @Query(() => Front, { description: 'The front with this slug, or null.', nullable: true })
  front(
    @Arg('slug', { description: "The front's slug." }) slug: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Front | null> {
    return ctx.services.fronts.bySlug(slug);
  }

  @FieldResolver(() => [Region], { description: 'The regions the front covers.' })
  regions(@Root() front: Front, @Ctx() ctx: GraphQLContext): Promise<Region[]> {
    return ctx.loaders.regionsByFront.load(front.id);
  }

  @FieldResolver(() => FrontStatusPeriod, {
    nullable: true,
    description:
      'The status period in force on a day (default today, UTC): the latest known to have begun by then. Null before any period.',
  })
  async status(
    @Root() front: Front,
    @Ctx() ctx: GraphQLContext,
    @Arg('on', () => DateScalar, { nullable: true, description: 'The day, YYYY-MM-DD.' }) on?: string | null,
  ): Promise<FrontStatusPeriod | null> {
    return statusOn(await ctx.loaders.periodsByFront.load(front.id), on ?? today());
  }

  @FieldResolver(() => [FrontStatusPeriod], {
    description: "Every status period, oldest first; each one's `until` is the next one's `since`.",
  })
  async statusHistory(@Root() front: Front, @Ctx() ctx: GraphQLContext): Promise<FrontStatusPeriod[]> {
    return statusChain(await ctx.loaders.periodsByFront.load(front.id));
  }

  @FieldResolver(() => [FrontIssue], {
    description: 'The issues open on a day (default today, UTC), oldest first: opened by then and not resolved.',
  })
  async openIssues(
    @Root() front: Front,
    @Ctx() ctx: GraphQLContext,
    @Arg('on', () => DateScalar, { nullable: true, description: 'The day, YYYY-MM-DD.' }) on?: string | null,
  ): Promise<FrontIssue[]> {
    return issuesOn(await ctx.loaders.issuesByFront.load(front.id), on ?? today());
  }

  @FieldResolver(() => [FrontContextNote], {
    description:
      'The context notes that hold on a day (default today, UTC), oldest first: the background briefings print.',
  })
  async context(
    @Root() front: Front,
    @Ctx() ctx: GraphQLContext,
    @Arg('on', () => DateScalar, { nullable: true, description: 'The day, YYYY-MM-DD.' }) on?: string | null,
  ): Promise<FrontContextNote[]> {
    return contextOn(await ctx.loaders.notesByFront.load(front.id), on ?? today());
  }

  @Authorized('editor')
  @Mutation(() => Front, { description: 'Creates a front, or updates the one with this slug. Editor only.' })
  upsertFront(
    @Arg('input', { description: 'The front; its slug picks the one to update.' }) input: FrontUpsertInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Front> {
    return ctx.services.fronts.upsert(input);
  }
}
