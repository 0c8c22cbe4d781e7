import { Field, InputType } from 'type-graphql';
import { Confidence } from '../../entities/assessment';
import { DateScalar } from '../scalars/date-scalar';
import { SourceInputObject } from './event-inputs';

@InputType({ description: 'An assessment: every field is given, on recording and on update alike.' })
export class AssessmentInput {
  @Field(() => DateScalar, { description: 'The day the judgement was made.' })
  date: string;

  @Field(() => Confidence, { description: 'How likely the judgement is held to be (ICD 203).' })
  confidence: Confidence;

  @Field({ description: 'The judgement, at most 2000 characters.' })
  text: string;

  @Field(() => [String], { description: 'Slugs of the fronts it concerns, at least one; the first leads.' })
  fronts: string[];

  @Field(() => [SourceInputObject], { description: 'The documents it rests on, at most 20.', nullable: true })
  sources?: SourceInputObject[] | null;
}

@InputType({ description: 'Which assessments to list. All conditions must hold.' })
export class AssessmentFilterInput {
  @Field(() => DateScalar, { nullable: true, description: 'Assessments dated on or after this day.' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Assessments dated on or before this day.' })
  to?: string | null;

  @Field(() => [String], { nullable: true, description: 'Assessments on any of these fronts (slugs).' })
  fronts?: string[] | null;
}
