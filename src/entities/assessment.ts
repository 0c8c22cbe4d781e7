import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Node } from '../graphql/entity-types/node';
import { Confidence } from './confidence';
import { LIMITS } from './limits';

export { Confidence, CONFIDENCE_WORDING } from './confidence';

/** A source an assessment cites, kept with it (an assessment cites documents; it does not share event sources). */
export interface AssessmentSourceData {
  publisher: string;
  title: string;
  url: string | null;
  publishedOn: string | null;
}

/** An editors' dated judgement on one or more fronts. */
@ObjectType({
  implements: Node,
  description:
    "An editors' dated judgement on one or more fronts, with its likelihood on the ICD 203 estimative scale. The briefings of its day and the 7 days after lead their key takeaways with it.",
})
@Entity('assessments')
@Index('idx_assessments_date', ['date', 'id'])
export class Assessment {
  @Field(() => ID, { description: 'Opaque, stable identifier.' })
  @PrimaryColumn({ type: 'varchar', length: LIMITS.id })
  id: string;

  /** `YYYY-MM-DD`: the day the judgement was made. */
  @Column({ name: 'date_value', type: 'varchar', length: LIMITS.partialDate })
  date: string;

  @Field(() => Confidence, { description: 'How likely the judgement is held to be.' })
  @Column({ type: 'varchar', length: LIMITS.confidence })
  confidence: Confidence;

  @Field({ description: 'The judgement, in a sentence or two.' })
  @Column({ type: 'text' })
  text: string;

  /** AssessmentSourceData[] as JSON, in the order given. */
  @Column({ name: 'sources', type: 'text' })
  sourcesJson: string;

  @Field(() => Int, {
    description:
      'Starts at 1 and goes up by one with every change; pass it as `updateAssessment(expectedRevision:)` so a replacement based on an older read is refused instead of overwriting a newer one.',
  })
  @Column({ type: 'integer', default: 1 })
  revision: number;

  @Column({ name: 'created_at', type: 'varchar', length: LIMITS.instant })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: LIMITS.instant })
  updatedAt: string;
}

/** An assessment's fronts, in the order given. */
@Entity('assessment_fronts')
@Index('idx_assessment_fronts_front', ['frontId', 'assessmentId'])
export class AssessmentFront {
  @PrimaryColumn({ name: 'assessment_id', type: 'varchar', length: LIMITS.id })
  assessmentId: string;

  @PrimaryColumn({ name: 'front_id', type: 'varchar', length: LIMITS.id })
  frontId: string;

  @Column({ type: 'integer' })
  position: number;
}

/** An assessment's full state after a write (the JSON of its `editorial_revisions.state`); fronts by slug. */
export interface AssessmentState {
  date: string;
  confidence: Confidence;
  text: string;
  fronts: string[];
  sources: AssessmentSourceData[];
}
