import { Field, InputType, Int } from 'type-graphql';
import { ActorKind } from '../../entities/actor';
import { RegionKind } from '../../entities/region';
import type { ActorInput, FrontInput, LeaderInput, RegionInput } from '../../validation/inputs';
import { PartialDateScalar } from '../scalars/partial-date-scalar';

@InputType({ description: 'A region to create, or to update when the slug exists.' })
export class RegionUpsertInput implements RegionInput {
  @Field({ description: 'Stable identifier; an existing region with this slug is updated.' }) slug: string;
  @Field({ description: 'Display name.' }) name: string;
  @Field(() => RegionKind, { description: 'What sort of place it is.' }) kind: RegionKind;
  @Field(() => String, { description: 'ISO 3166 code, where one exists.', nullable: true }) isoCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Slug of the enclosing region.' }) parent?: string | null;
}

@InputType({ description: 'A leader to create, or to update when the slug exists.' })
export class LeaderUpsertInput implements LeaderInput {
  @Field({ description: 'Stable identifier; an existing leader with this slug is updated.' }) slug: string;
  @Field({ description: 'Display name.' }) name: string;
  @Field({ description: 'e.g. "President of Russia".' }) office: string;
  @Field(() => String, { nullable: true, description: 'Slug of the region the leader leads.' }) region?: string | null;
  @Field(() => PartialDateScalar, { description: 'When the tenure began, at its known precision.', nullable: true })
  tenureStart?: string | null;
  @Field(() => PartialDateScalar, { description: 'When the tenure ended; null while in office.', nullable: true })
  tenureEnd?: string | null;
}

@InputType({ description: 'An actor to create, or to update when the slug exists.' })
export class ActorUpsertInput implements ActorInput {
  @Field({ description: 'Stable identifier; an existing actor with this slug is updated.' }) slug: string;
  @Field({ description: 'Display name.' }) name: string;
  @Field(() => ActorKind, { description: 'What sort of organisation or group it is.' }) kind: ActorKind;
  @Field(() => String, { description: 'A short note on who the actor is.', nullable: true }) description?:
    string | null;
  @Field(() => String, { nullable: true, description: "Slug of the actor's home region." }) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Slug of the actor that backs this one.' }) backedBy?:
    string | null;
}

@InputType({
  description:
    'A front to create, or to update when the slug exists. Its status, open issues and context are dated history, set by `setFrontStatus`, `openFrontIssue` and `addFrontContext`.',
})
export class FrontUpsertInput implements FrontInput {
  @Field({ description: 'Stable identifier; an existing front with this slug is updated.' }) slug: string;
  @Field({ description: 'Display name.' }) name: string;
  @Field(() => Int, { description: 'Position of the front in briefings (ascending).' }) briefingOrder: number;
  @Field(() => [String], { nullable: true, description: 'Slugs of the regions the front covers.' }) regions?:
    string[] | null;
}
