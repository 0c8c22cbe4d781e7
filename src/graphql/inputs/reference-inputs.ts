import { Field, InputType, Int } from 'type-graphql';
import { ActorKind } from '../../entities/actor';
import { FrontStatusKind } from '../../entities/front';
import { RegionKind } from '../../entities/region';
import type { ActorInput, FrontInput, LeaderInput, RegionInput } from '../../validation/inputs';
import { PartialDateScalar } from '../scalars/partial-date-scalar';

@InputType({ description: 'A region to create, or to update when the slug exists.' })
export class RegionUpsertInput implements RegionInput {
  @Field() slug: string;
  @Field() name: string;
  @Field(() => RegionKind) kind: RegionKind;
  @Field(() => String, { nullable: true }) isoCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Slug of the enclosing region.' }) parent?: string | null;
}

@InputType({ description: 'A leader to create, or to update when the slug exists.' })
export class LeaderUpsertInput implements LeaderInput {
  @Field() slug: string;
  @Field() name: string;
  @Field() office: string;
  @Field(() => String, { nullable: true, description: 'Slug of the region the leader leads.' }) region?: string | null;
  @Field(() => PartialDateScalar, { nullable: true }) tenureStart?: string | null;
  @Field(() => PartialDateScalar, { nullable: true }) tenureEnd?: string | null;
}

@InputType({ description: 'An actor to create, or to update when the slug exists.' })
export class ActorUpsertInput implements ActorInput {
  @Field() slug: string;
  @Field() name: string;
  @Field(() => ActorKind) kind: ActorKind;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: "Slug of the actor's home region." }) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Slug of the actor that backs this one.' }) backedBy?:
    string | null;
}

@InputType({ description: 'A front to create, or to update when the slug exists.' })
export class FrontUpsertInput implements FrontInput {
  @Field() slug: string;
  @Field() name: string;
  @Field(() => FrontStatusKind) statusKind: FrontStatusKind;
  @Field() status: string;
  @Field(() => PartialDateScalar, { nullable: true }) statusSince?: string | null;
  @Field() background: string;
  @Field(() => [String], { nullable: true }) openIssues?: string[] | null;
  @Field(() => Int) briefingOrder: number;
  @Field(() => [String], { nullable: true, description: 'Slugs of the regions the front covers.' }) regions?:
    string[] | null;
}
