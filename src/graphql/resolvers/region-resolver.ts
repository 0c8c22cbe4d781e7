import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Region } from '../../entities/region';
import type { GraphQLContext } from '../context/context';
import { RegionUpsertInput } from '../inputs/reference-inputs';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => [Region], { description: 'All regions, by name.' })
  regions(@Ctx() ctx: GraphQLContext): Promise<Region[]> {
    return ctx.services.regions.list();
  }

  @Query(() => Region, { description: 'The region with this slug, or null.', nullable: true })
  region(
    @Arg('slug', { description: "The region's slug." }) slug: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Region | null> {
    return ctx.services.regions.bySlug(slug);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The enclosing region.' })
  parent(@Root() region: Region, @Ctx() ctx: GraphQLContext): Promise<Region | null> | null {
    return region.parentId === null ? null : ctx.loaders.regionById.load(region.parentId);
  }

  @Authorized('editor')
  @Mutation(() => Region, { description: 'Creates a region, or updates the one with this slug. Editor only.' })
  upsertRegion(
    @Arg('input', { description: 'The region; its slug picks the one to update.' }) input: RegionUpsertInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Region> {
    return ctx.services.regions.upsert(input);
  }
}
