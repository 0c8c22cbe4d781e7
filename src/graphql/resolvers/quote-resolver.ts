import { createUnionType, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Actor } from '../../entities/actor';
import { Leader } from '../../entities/leader';
import { Quote } from '../../entities/quote';
import { Source } from '../../entities/source';
import type { GraphQLContext } from '../context/context';
import type { LoadedQuote } from '../context/loaders';

export const Speaker = createUnionType({
  name: 'Speaker',
  description: 'Who said a quote: a leader or an actor.',
  types: () => [Leader, Actor] as const,
  resolveType: (value) => ('office' in value ? Leader : Actor),
});

@Resolver(() => Quote)
export class QuoteResolver {
  @FieldResolver(() => Speaker, { description: 'Who said it: a leader or an actor.' })
  async speaker(@Root() quote: Quote | LoadedQuote, @Ctx() ctx: GraphQLContext): Promise<Leader | Actor> {
    const speaker =
      'speaker' in quote && quote.speaker
        ? quote.speaker
        : quote.speakerLeaderId !== null
          ? await ctx.loaders.leaderById.load(quote.speakerLeaderId)
          : await ctx.loaders.actorById.load(quote.speakerActorId!);
    if (speaker === null) throw new Error(`Quote ${quote.id} names a speaker that does not exist`);
    return speaker;
  }

  @FieldResolver(() => Source, { description: 'The source that carries the quote.' })
  async source(@Root() quote: Quote | LoadedQuote, @Ctx() ctx: GraphQLContext): Promise<Source> {
    const source = 'source' in quote && quote.source ? quote.source : await ctx.loaders.sourceById.load(quote.sourceId);
    if (source === null) throw new Error(`Quote ${quote.id} names a source that does not exist`);
    return source;
  }
}
