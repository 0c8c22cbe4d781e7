import { ActorKind } from '../entities/actor';
import { LIMITS } from '../entities/limits';
import { RegionKind } from '../entities/region';
import { badInput } from '../errors/app-errors';
import * as check from './checks';
import type { ActorInput, FrontInput, LeaderInput, RegionInput } from './inputs';

/* Checks for the reference records (regions, leaders, actors, fronts), shared by GraphQL upserts and seeds. */

export function validateRegion(raw: unknown, field: string): Required<RegionInput> {
  const input = check.record(raw, field);
  const isoCode = check.optionalText(input.isoCode, `${field}.isoCode`, LIMITS.isoCode);
  if (isoCode !== null && !/^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/.test(isoCode))
    throw badInput(`${field}.isoCode`, 'must be an ISO 3166 code such as IL or SY');
  const slug = check.slug(input.slug, `${field}.slug`);
  const parent = check.optionalSlug(input.parent, `${field}.parent`);
  if (parent === slug) throw badInput(`${field}.parent`, 'a region cannot be its own parent');
  return {
    slug,
    parent,
    isoCode,
    name: check.text(input.name, `${field}.name`, LIMITS.name),
    kind: check.oneOf(input.kind, `${field}.kind`, Object.values(RegionKind)),
  };
}

export function validateLeader(raw: unknown, field: string): Required<LeaderInput> {
  const input = check.record(raw, field);
  const tenureStart = check.optionalPartialDate(input.tenureStart, `${field}.tenureStart`);
  const tenureEnd = check.optionalPartialDate(input.tenureEnd, `${field}.tenureEnd`);
  if (tenureStart && tenureEnd && tenureEnd.end < tenureStart.start)
    throw badInput(`${field}.tenureEnd`, 'must not be before tenureStart');
  return {
    slug: check.slug(input.slug, `${field}.slug`),
    name: check.text(input.name, `${field}.name`, LIMITS.name),
    office: check.text(input.office, `${field}.office`, LIMITS.office),
    region: check.optionalSlug(input.region, `${field}.region`),
    tenureStart: tenureStart?.value ?? null,
    tenureEnd: tenureEnd?.value ?? null,
  };
}

export function validateActor(raw: unknown, field: string): Required<ActorInput> {
  const input = check.record(raw, field);
  const slug = check.slug(input.slug, `${field}.slug`);
  const backedBy = check.optionalSlug(input.backedBy, `${field}.backedBy`);
  if (backedBy === slug) throw badInput(`${field}.backedBy`, 'an actor cannot back itself');
  return {
    slug,
    backedBy,
    name: check.text(input.name, `${field}.name`, LIMITS.name),
    kind: check.oneOf(input.kind, `${field}.kind`, Object.values(ActorKind)),
    description: check.optionalText(input.description, `${field}.description`, 2000, { multiline: true }),
    region: check.optionalSlug(input.region, `${field}.region`),
  };
}

export function validateFront(raw: unknown, field: string): Required<FrontInput> {
  const input = check.record(raw, field);
  return {
    slug: check.slug(input.slug, `${field}.slug`),
    name: check.text(input.name, `${field}.name`, LIMITS.name),
    briefingOrder: check.integer(input.briefingOrder, `${field}.briefingOrder`, 0, 10_000),
    regions: check.slugList(input.regions, `${field}.regions`),
  };
}
