import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Event } from '../../entities/event';
import { Leader } from '../../entities/leader';
import { Region } from '../../entities/region';
import type { GraphQLContext } from '../context/context';
import { LEADER_EVENTS_LIMIT } from '../context/loaders';
import { LeaderUpsertInput } from '../inputs/reference-inputs';

@Resolver(() => Leader)
export class LeaderResolver {
  @Query(() => [Leader], { description: 'All leaders, by name.' })
  leaders(@Ctx() ctx: GraphQLContext): Promise<Leader[]> {
    return ctx.services.leaders.list();
  }

  @Query(() => Leader, { description: 'The leader with this slug, or null.', nullable: true })
  leader(
    @Arg('slug', { description: "The leader's slug." }) slug: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Leader | null> {
    return ctx.services.leaders.bySlug(slug);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region the leader leads.' })
  region(@Root() leader: Leader, @Ctx() ctx: GraphQLContext): Promise<Region | null> | null {
    return leader.regionId === null ? null : ctx.loaders.regionById.load(leader.regionId);
  }

  @FieldResolver(() => [Event], {
    description: `The events the leader took part in, newest first (at most ${LEADER_EVENTS_LIMIT}; use \`events(filter: {leaders: [...]})\` for more).`,
  })
  events(@Root() leader: Leader, @Ctx() ctx: GraphQLContext): Promise<Event[]> {
    return ctx.loaders.eventsByLeader.load(leader.id);
  }

  @Authorized('editor')
  @Mutation(() => Leader, { description: 'Creates a leader, or updates the one with this slug. Editor only.' })
  upsertLeader(
    @Arg('input', { description: 'The leader; its slug picks the one to update.' }) input: LeaderUpsertInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Leader> {
    return ctx.services.leaders.upsert(input);
  }
}
