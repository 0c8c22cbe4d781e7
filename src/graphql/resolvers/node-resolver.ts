import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { badInput } from '../../errors/app-errors';
import { isUuid } from '../../validation/checks';
import type { GraphQLContext } from '../context/context';
import type { NodeRow } from '../context/loaders';
import { Node } from '../entity-types/node';

@Resolver(() => Node)
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      'The event, front, region, leader, actor, edition or assessment with this id (the `id` of the record), or null when none has it. ' +
      'An id that is no UUID is a BAD_USER_INPUT error naming `id`.',
  })
  node(
    @Arg('id', () => ID, { description: 'The id of a record that implements `Node`.' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<NodeRow | null> {
    if (!isUuid(id)) throw badInput('id', 'must be the id of a record (a UUID such as 3f2c1a9e-…)');
    return ctx.loaders.nodeById.load(id);
  }
}
