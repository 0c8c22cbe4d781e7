import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Assessment, CONFIDENCE_WORDING } from '../../entities/assessment';
import { Front } from '../../entities/front';
import { assessmentCursor } from '../../services/assessment-service';
import type { GraphQLContext } from '../context/context';
import { CitedDocument } from '../entity-types/cited-document';
import { AssessmentFilterInput, AssessmentInput } from '../inputs/assessment-inputs';
import { DateScalar } from '../scalars/date-scalar';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import { AssessmentConnection, AssessmentRevision, sourcesOf, toAssessmentRevision } from '../types/assessment-types';
import { toConnection } from '../types/event-connection';

const REASON = {
  nullable: true,
  description: 'Why ("correction: wrong front"), kept with the revision; one line, at most 500 characters.',
};

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Query(() => Assessment, { description: 'The assessment with this id, or null.', nullable: true })
  assessment(
    @Arg('id', () => ID, { description: "The assessment's id." }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Assessment | null> {
    return ctx.services.assessments.byId(id);
  }

  @Query(() => AssessmentConnection, {
    description: 'Assessments matching the filter, newest first, `first` (1 to 100, default 20) after `after`.',
  })
  async assessments(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => AssessmentFilterInput, { nullable: true, description: 'Which assessments; all when omitted.' })
    filter?: AssessmentFilterInput,
    @Arg('first', () => Int, { nullable: true, description: 'How many, 1 to 100.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'A cursor (`pageInfo.endCursor`).' })
    after?: string | null,
  ): Promise<AssessmentConnection> {
    const page = await ctx.services.assessments.list(filter ?? {}, first, after);
    return toConnection(
      { items: page.assessments, hasNextPage: page.hasNextPage, hasPreviousPage: false, totalCount: page.totalCount },
      assessmentCursor,
    );
  }

  @FieldResolver(() => DateScalar, { description: 'The day the judgement was made.' })
  date(@Root() assessment: Assessment): string {
    return assessment.date;
  }

  @FieldResolver(() => String, {
    description:
      'The estimative term every format prints with it: "almost certainly", "likely", "roughly even chance"…',
  })
  confidenceTerm(@Root() assessment: Assessment): string {
    return CONFIDENCE_WORDING[assessment.confidence].term;
  }

  @FieldResolver(() => [Front], { description: 'The fronts it concerns, in the order given.' })
  fronts(@Root() assessment: Assessment, @Ctx() ctx: GraphQLContext): Promise<Front[]> {
    return ctx.loaders.frontsByAssessment.load(assessment.id);
  }

  @FieldResolver(() => [CitedDocument], { description: 'The documents it rests on, in the order given.' })
  sources(@Root() assessment: Assessment): CitedDocument[] {
    return sourcesOf(assessment);
  }

  @FieldResolver(() => DateTimeScalar, { description: 'When it was recorded.' })
  createdAt(@Root() assessment: Assessment): string {
    return assessment.createdAt;
  }

  @FieldResolver(() => DateTimeScalar, { description: 'When it was last changed.' })
  updatedAt(@Root() assessment: Assessment): string {
    return assessment.updatedAt;
  }

  @Authorized('editor')
  @FieldResolver(() => [AssessmentRevision], {
    description: 'Every write to the assessment, oldest first, each with the state it left. Editor only.',
  })
  async revisions(@Root() assessment: Assessment, @Ctx() ctx: GraphQLContext): Promise<AssessmentRevision[]> {
    return (await ctx.loaders.revisionsByAssessment.load(assessment.id)).map(toAssessmentRevision);
  }

  @Authorized('editor')
  @Query(() => [AssessmentRevision], {
    description:
      "The revisions of the assessment with this id, oldest first, a deleted one's included (ending in its tombstone); empty for an unknown id. Editor only.",
  })
  async assessmentRevisions(
    @Arg('id', () => ID, { description: "The assessment's id." }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AssessmentRevision[]> {
    return ((await ctx.services.assessments.revisions([id])).get(id) ?? []).map(toAssessmentRevision);
  }

  @Authorized('editor')
  @Mutation(() => Assessment, { description: 'Records an assessment. Editor only.' })
  recordAssessment(
    @Arg('input', { description: 'The assessment.' }) input: AssessmentInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Assessment> {
    return ctx.services.assessments.record(input, ctx.principal?.name ?? null);
  }

  @Authorized('editor')
  @Mutation(() => Assessment, {
    description: 'Replaces an assessment with `input`, recording a revision. Editor only.',
  })
  updateAssessment(
    @Arg('id', () => ID, { description: "The assessment's id." }) id: string,
    @Arg('input', { description: 'The assessment as it should now read.' }) input: AssessmentInput,
    @Ctx() ctx: GraphQLContext,
    @Arg('reason', () => String, REASON) reason?: string | null,
    @Arg('expectedRevision', () => Int, {
      nullable: true,
      description:
        'The `revision` the replacement is based on: if the assessment has changed since, nothing is saved and the answer is CONFLICT.',
    })
    expectedRevision?: number | null,
  ): Promise<Assessment> {
    return ctx.services.assessments.update(id, input, reason, ctx.principal?.name ?? null, expectedRevision);
  }

  @Authorized('editor')
  @Mutation(() => Boolean, {
    description: 'Deletes an assessment, recording a tombstone revision (see `assessmentRevisions`). Editor only.',
  })
  deleteAssessment(
    @Arg('id', () => ID, { description: "The assessment's id." }) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('reason', () => String, REASON) reason?: string | null,
  ): Promise<boolean> {
    return ctx.services.assessments.delete(id, reason, ctx.principal?.name ?? null);
  }
}

@Resolver(() => AssessmentConnection)
export class AssessmentConnectionResolver {
  @FieldResolver(() => Int, { description: 'Assessments matching the filter, across all pages.' })
  totalCount(@Root() connection: AssessmentConnection): Promise<number> {
    return connection.countAll();
  }
}
