import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { EditorialRevisionRow } from '../../entities/editorial-revision';
import { DateTimeScalar } from '../scalars/date-time-scalar';

@ObjectType({
  description: 'One recorded write to a status period, open issue or context note: never changed afterwards.',
})
export class EditorialRevision {
  @Field(() => ID, { description: 'The record id and revision number: `<recordId>:<revision>`.' })
  id: string;

  @Field(() => Int, {
    description: "The record's `revision` after this write: 1 when recorded, then one more each time.",
  })
  revision: number;

  @Field(() => DateTimeScalar, { description: 'When the write happened.' })
  at: string;

  @Field(() => String, {
    description: 'The name of the API key that wrote it; null when written outside the API (the seeds, a migration).',
    nullable: true,
  })
  by: string | null;

  @Field(() => String, { description: 'Why, when the writer said.', nullable: true })
  reason: string | null;

  @Field({
    description:
      'The record as it stood after the write, as a JSON object of its fields (its front by slug), e.g. `{"front":"gaza","kind":"CEASEFIRE","text":"Ceasefire in force","since":"2025-10-10","until":null,"sources":[]}`.',
  })
  state: string;
}

export function toEditorialRevision(row: EditorialRevisionRow): EditorialRevision {
  return {
    id: `${row.recordId}:${row.revision}`,
    revision: row.revision,
    at: row.at,
    by: row.by,
    reason: row.reason,
    // Front records are never deleted, so their revisions are never tombstones.
    state: row.state ?? 'null',
  };
}
