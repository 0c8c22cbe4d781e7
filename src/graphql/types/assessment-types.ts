import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Assessment, AssessmentState, Confidence } from '../../entities/assessment';
import type { EditorialRevisionRow } from '../../entities/editorial-revision';
import { withoutCredentials } from '../../validation/safe-url';
import { CitedDocument } from '../entity-types/cited-document';
import { DateScalar } from '../scalars/date-scalar';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import { PageInfo } from './event-connection';

@ObjectType({ description: "An assessment's fields as they stood after one write; fronts by slug." })
export class AssessmentRevisionState {
  @Field(() => DateScalar, { description: 'The day of the judgement.' })
  date: string;

  @Field(() => Confidence, { description: 'How likely it was held to be.' })
  confidence: Confidence;

  @Field({ description: 'The judgement.' })
  text: string;

  @Field(() => [String], { description: 'Slugs of its fronts, in order.' })
  fronts: string[];

  @Field(() => [CitedDocument], { description: 'Its sources, in order.' })
  sources: CitedDocument[];
}

@ObjectType({ description: 'One recorded write to an assessment: never changed afterwards.' })
export class AssessmentRevision {
  @Field(() => ID, { description: 'The assessment id and revision number: `<assessmentId>:<revision>`.' })
  id: string;

  @Field(() => ID, { description: "The assessment's id (it may since have been deleted)." })
  assessmentId: string;

  @Field(() => Int, { description: "The assessment's `revision` after this write: 1 for its creation." })
  revision: number;

  @Field(() => DateTimeScalar, { description: 'When the write happened.' })
  at: string;

  @Field(() => String, { description: 'The name of the API key that wrote it.', nullable: true })
  by: string | null;

  @Field(() => String, {
    description: 'Why, when the writer said (`updateAssessment(reason:)`, `deleteAssessment(reason:)`).',
    nullable: true,
  })
  reason: string | null;

  @Field({ description: 'Whether this write deleted the assessment (a tombstone: `state` is null).' })
  deleted: boolean;

  @Field(() => AssessmentRevisionState, {
    description: 'The assessment as it stood after the write; null for a deletion.',
    nullable: true,
  })
  state: AssessmentRevisionState | null;
}

/** Sources as clients are handed them: a URL never carries credentials. */
export function assessmentSources(sources: AssessmentState['sources']): CitedDocument[] {
  return sources.map((s) => ({ ...s, url: s.url === null ? null : withoutCredentials(s.url) }));
}

export function sourcesOf(assessment: Assessment): CitedDocument[] {
  return assessmentSources(JSON.parse(assessment.sourcesJson) as AssessmentState['sources']);
}

export function toAssessmentRevision(row: EditorialRevisionRow): AssessmentRevision {
  const stored = row.state === null ? null : (JSON.parse(row.state) as AssessmentState);
  return {
    id: `${row.recordId}:${row.revision}`,
    assessmentId: row.recordId,
    revision: row.revision,
    at: row.at,
    by: row.by,
    reason: row.reason,
    deleted: stored === null,
    state: stored === null ? null : { ...stored, sources: assessmentSources(stored.sources) },
  };
}

@ObjectType({ description: 'An assessment in a page of assessments, with its cursor.' })
export class AssessmentEdge {
  @Field({ description: 'Opaque position of this assessment in the list; pass it as `after`.' })
  cursor: string;

  @Field(() => Assessment, { description: 'The assessment.' })
  node: Assessment;
}

@ObjectType({ description: 'A page of assessments, newest first (ties by id).' })
export class AssessmentConnection {
  @Field(() => [AssessmentEdge], { description: 'The assessments of this page, in list order.' })
  edges: AssessmentEdge[];

  @Field(() => PageInfo, { description: 'Cursors and whether a page follows.' })
  pageInfo: PageInfo;

  /** Counted only when a client selects `totalCount`. */
  countAll: () => Promise<number>;
}
