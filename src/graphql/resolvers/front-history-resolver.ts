import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { EditorialKind } from '../../entities/editorial-revision';
import { FrontStatusKind } from '../../entities/front';
import { FrontContextNote, FrontIssue, FrontStatusPeriod } from '../../entities/front-history';
import type { GraphQLContext } from '../context/context';
import { SourceInputObject } from '../inputs/event-inputs';
import { PartialDateScalar } from '../scalars/partial-date-scalar';
import { EditorialRevision, toEditorialRevision } from '../types/editorial-revision-types';

const REASON = 'Why, kept with the revision; one line, at most 500 characters.';
const SOURCES = 'What it rests on, in order.';
const REVISIONS =
  'Every write to it, oldest first, each with the state it left. Editor only, like `Event.revisions`: earlier states may hold wording it no longer has.';

async function revisionsOf(kind: EditorialKind, id: string, ctx: GraphQLContext): Promise<EditorialRevision[]> {
  return (await ctx.loaders.editorialRevisions.load(`${kind}:${id}`)).map(toEditorialRevision);
}

const by = (ctx: GraphQLContext): string | null => ctx.principal?.name ?? null;

@Resolver(() => FrontStatusPeriod)
export class FrontStatusPeriodResolver {
  @Authorized('editor')
  @FieldResolver(() => [EditorialRevision], { description: REVISIONS })
  revisions(@Root() period: FrontStatusPeriod, @Ctx() ctx: GraphQLContext): Promise<EditorialRevision[]> {
    return revisionsOf('front-status', period.id, ctx);
  }

  @Authorized('editor')
  @Mutation(() => FrontStatusPeriod, {
    description:
      "Sets a front's status from a date: the current period ends there (its `until` becomes `since`) and a new one begins. The only way to set a status. Editor only.",
  })
  setFrontStatus(
    @Arg('front', { description: "The front's slug." }) front: string,
    @Arg('kind', () => FrontStatusKind, { description: 'The state the front is in from `since`.' })
    kind: FrontStatusKind,
    @Arg('text', { description: 'The status in words, e.g. "Ceasefire in force"; at most 200 characters.' })
    text: string,
    @Arg('since', () => PartialDateScalar, {
      description: 'When it began, at its known precision; must be after the start of the current period.',
    })
    since: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('sources', () => [SourceInputObject], { nullable: true, description: SOURCES })
    sources?: SourceInputObject[] | null,
    @Arg('reason', () => String, { nullable: true, description: REASON }) reason?: string | null,
  ): Promise<FrontStatusPeriod> {
    return ctx.services.frontHistory.setStatus({ front, kind, text, since, sources, reason }, by(ctx));
  }
}

@Resolver(() => FrontIssue)
export class FrontIssueResolver {
  @Authorized('editor')
  @FieldResolver(() => [EditorialRevision], { description: REVISIONS })
  revisions(@Root() issue: FrontIssue, @Ctx() ctx: GraphQLContext): Promise<EditorialRevision[]> {
    return revisionsOf('front-issue', issue.id, ctx);
  }

  @Authorized('editor')
  @Mutation(() => FrontIssue, { description: 'Records a question open on a front from a date. Editor only.' })
  openFrontIssue(
    @Arg('front', { description: "The front's slug." }) front: string,
    @Arg('text', { description: 'The issue in a line; at most 500 characters.' }) text: string,
    @Arg('opened', () => PartialDateScalar, { description: 'When it opened, at its known precision.' })
    opened: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('sources', () => [SourceInputObject], { nullable: true, description: SOURCES })
    sources?: SourceInputObject[] | null,
    @Arg('reason', () => String, { nullable: true, description: REASON }) reason?: string | null,
  ): Promise<FrontIssue> {
    return ctx.services.frontHistory.openIssue({ front, text, opened, sources, reason }, by(ctx));
  }

  @Authorized('editor')
  @Mutation(() => FrontIssue, {
    description: 'Marks an open issue resolved from a date; briefings of that date on no longer list it. Editor only.',
  })
  resolveFrontIssue(
    @Arg('id', () => ID, { description: "The issue's id." }) id: string,
    @Arg('resolved', () => PartialDateScalar, { description: 'When it was resolved; not before it opened.' })
    resolved: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('reason', () => String, { nullable: true, description: REASON }) reason?: string | null,
  ): Promise<FrontIssue> {
    return ctx.services.frontHistory.resolveIssue({ id, resolved, reason }, by(ctx));
  }
}

@Resolver(() => FrontContextNote)
export class FrontContextNoteResolver {
  @Authorized('editor')
  @FieldResolver(() => [EditorialRevision], { description: REVISIONS })
  revisions(@Root() note: FrontContextNote, @Ctx() ctx: GraphQLContext): Promise<EditorialRevision[]> {
    return revisionsOf('front-context', note.id, ctx);
  }

  @Authorized('editor')
  @Mutation(() => FrontContextNote, {
    description: 'Adds a note of background on a front, holding from a date. Editor only.',
  })
  addFrontContext(
    @Arg('front', { description: "The front's slug." }) front: string,
    @Arg('text', { description: 'The note, as briefings print it; at most 5000 characters.' }) text: string,
    @Arg('validFrom', () => PartialDateScalar, { description: 'From when it holds, at its known precision.' })
    validFrom: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('sources', () => [SourceInputObject], { nullable: true, description: SOURCES })
    sources?: SourceInputObject[] | null,
    @Arg('reason', () => String, { nullable: true, description: REASON }) reason?: string | null,
  ): Promise<FrontContextNote> {
    return ctx.services.frontHistory.addContext({ front, text, validFrom, sources, reason }, by(ctx));
  }

  @Authorized('editor')
  @Mutation(() => FrontContextNote, {
    description: 'Retires a context note from a date; briefings of that date on no longer print it. Editor only.',
  })
  retireFrontContext(
    @Arg('id', () => ID, { description: "The note's id." }) id: string,
    @Arg('retired', () => PartialDateScalar, { description: 'From when it no longer holds; not before it began.' })
    retired: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('reason', () => String, { nullable: true, description: REASON }) reason?: string | null,
  ): Promise<FrontContextNote> {
    return ctx.services.frontHistory.retireContext({ id, retired, reason }, by(ctx));
  }
}
