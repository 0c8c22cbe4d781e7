import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../scalars/date-scalar';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import { BriefingChange, BriefingChangeAction, FrontRecordChange } from './briefing-types';

// What the subscriptions (src/graphql/resolvers/live-resolver.ts) send.

@ObjectType({ description: 'An event created, updated or deleted by a write that has committed.' })
export class EventChange {
  @Field(() => ID, { description: 'The id of the event that changed.' })
  eventId: string;

  @Field(() => BriefingChangeAction, { description: 'Whether the event was created, updated or deleted.' })
  action: BriefingChangeAction;

  @Field(() => DateTimeScalar, { description: 'When the write happened.' })
  changedAt: string;

  @Field(() => Int, {
    description:
      "The data's revision (a number that grows with every write) once the write had committed: this write's or a later one's.",
  })
  revision: number;

  @Field(() => [String], {
    description:
      'Slugs of the fronts the event is on after the change; for a deletion, those it was on; for a move, before and after.',
  })
  fronts: string[];
}

@ObjectType({ description: 'An assessment created, updated or deleted by a write that has committed.' })
export class AssessmentChange {
  @Field(() => ID, { description: 'The assessment that changed (it may since have been deleted).' })
  assessmentId: string;

  @Field(() => BriefingChangeAction, { description: 'Whether it was created, updated or deleted.' })
  action: BriefingChangeAction;

  @Field(() => DateTimeScalar, { description: 'When the write happened.' })
  changedAt: string;
}

@ObjectType({ description: 'A committed write that changed what a briefing shows.' })
export class BriefingChanged {
  @Field(() => DateScalar, { description: 'The day of the briefing, as subscribed to.' })
  date: string;

  @Field(() => [String], {
    nullable: true,
    description: 'The fronts of the briefing, sorted; null when it covers every front.',
  })
  fronts: string[] | null;

  @Field({ description: 'The timezone of the briefing (UTC when none was given).' })
  timezone: string;

  @Field(() => Int, {
    description:
      "The data's revision (a number that grows with every write) once the write had committed: a briefing read now reflects at least this write.",
  })
  revision: number;

  @Field(() => [BriefingChange], {
    description: 'The events of the write that touch the briefing, as `Briefing.changesSince` would list them.',
  })
  changes: BriefingChange[];

  @Field(() => [AssessmentChange], {
    description:
      "The assessments of the write that lead the briefing's key takeaways: dated on its date or in the 7 days before, on one of its fronts, as `Briefing.assessmentChangesSince` would list them.",
  })
  assessments: AssessmentChange[];

  @Field(() => [FrontRecordChange], {
    description:
      "The status periods, issues and context notes of the write that may change the briefing's front state: on one of its fronts, holding on its date before or after the write (as `Briefing.frontChangesSince` lists them).",
  })
  frontRecords: FrontRecordChange[];
}
