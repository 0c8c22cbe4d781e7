import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Actor } from '../../entities/actor';
import { Region } from '../../entities/region';
import type { GraphQLContext } from '../context/context';
import { ActorUpsertInput } from '../inputs/reference-inputs';

@Resolver(() => Actor)
export class ActorResolver {
  @Query(() => [Actor], { description: 'All actors, by name.' })
  actors(@Ctx() ctx: GraphQLContext): Promise<Actor[]> {
    return ctx.services.actors.list();
  }

  @Query(() => Actor, { description: 'The actor with this slug, or null.', nullable: true })
  actor(
    @Arg('slug', { description: "The actor's slug." }) slug: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Actor | null> {
    return ctx.services.actors.bySlug(slug);
  }

  @FieldResolver(() => Region, { description: "The actor's home region.", nullable: true })
  region(@Root() actor: Actor, @Ctx() ctx: GraphQLContext): Promise<Region | null> | null {
    return actor.regionId === null ? null : ctx.loaders.regionById.load(actor.regionId);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'The actor that backs this one (Iran backs Hezbollah).' })
  backedBy(@Root() actor: Actor, @Ctx() ctx: GraphQLContext): Promise<Actor | null> | null {
    return actor.backerId === null ? null : ctx.loaders.actorById.load(actor.backerId);
  }

  @Authorized('editor')
  @Mutation(() => Actor, { description: 'Creates an actor, or updates the one with this slug. Editor only.' })
  upsertActor(
    @Arg('input', { description: 'The actor; its slug picks the one to update.' }) input: ActorUpsertInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Actor> {
    return ctx.services.actors.upsert(input);
  }
}
