import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Front } from '../../entities/front';
import { Region } from '../../entities/region';
import type { GraphQLContext } from '../context';
import { FrontUpsertInput } from '../inputs/reference-inputs';

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

  @Authorized('editor')
  @Mutation(() => Front, { description: 'Creates a front, or updates the one with this slug. Editor only.' })
  upsertFront(
    @Arg('input', { description: 'The front; its slug picks the one to update.' }) input: FrontUpsertInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Front> {
    return ctx.services.fronts.upsert(input);
  }
}
