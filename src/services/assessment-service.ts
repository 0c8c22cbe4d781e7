import type { Database } from '../db/database';
import type { Transaction } from '../db/repositories';
import type { AssessmentQuery } from '../db/repositories/assessment-repository';
import type { Assessment } from '../entities/assessment';
import type { EditorialRevisionRow } from '../entities/editorial-revision';
import { LIMITS } from '../entities/limits';
import { AppError, badInput, notFound } from '../errors/app-errors';
import { validateAssessment, ValidAssessment } from '../validation/assessment-validation';
import * as check from '../validation/checks';
import { decodeCursor, encodeCursor } from '../validation/page-cursor';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './event-service';
import { SlugResolver } from './slug-resolver';

export interface AssessmentFilter {
  from?: string | null;
  to?: string | null;
  fronts?: string[] | null;
}

export interface AssessmentPage {
  assessments: Assessment[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

/** The list order: newest first, ties by id. A cursor is a row's (date, id). */
export function assessmentCursor(assessment: Pick<Assessment, 'date' | 'id'>): string {
  return encodeCursor([assessment.date, assessment.id]);
}

/** Editors' dated judgements: checked, written with their history, listed. */
export class AssessmentService {
  constructor(private readonly db: Database) {}

  async byId(id: string): Promise<Assessment | null> {
    if (!check.isLookupKey(id, check.ID_MAX_LENGTH)) return null;
    return (await this.db.read.assessments.byIds([id]))[0] ?? null;
  }

  async list(filter: AssessmentFilter, first?: number | null, after?: string | null): Promise<AssessmentPage> {
    const size = check.isPresent(first) ? check.integer(first, 'first', 1, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(after, 'after');
    const from = check.optionalDay(filter.from, 'filter.from');
    const to = check.optionalDay(filter.to, 'filter.to');
    if (from && to && from > to) throw badInput('filter.to', 'must not be before filter.from');
    const fronts = check.slugList(filter.fronts, 'filter.fronts');
    const slugs = new SlugResolver();
    slugs.wantAll('front', fronts, 'filter.fronts');
    await slugs.resolve(this.db.read);
    const query: AssessmentQuery = { from, to, frontIds: fronts.map((slug) => slugs.id('front', slug)) };
    return this.db.read.assessments.page(query, { size, after: cursor });
  }

  /** The revisions of each assessment, deleted ones included, oldest first. */
  revisions(ids: readonly string[]): Promise<Map<string, EditorialRevisionRow[]>> {
    return this.db.read.editorialRevisions.revisions(
      'assessment',
      ids.filter((id) => check.isLookupKey(id, check.ID_MAX_LENGTH)),
    );
  }

  /** `by` is the API key's name, recorded with the revision. */
  async record(input: unknown, by: string | null = null): Promise<Assessment> {
    const valid = validateAssessment(input, 'input');
    const id = await this.db.write(async (tx) =>
      tx.assessments.write(valid, await frontIds(tx, valid), null, by, null),
    );
    return (await this.byId(id))!;
  }

  /**
   * Replaces the assessment's fields with `input` (every field given, as for a new one), with a reason. A
   * replacement overwrites whatever was written before it, so with `expectedRevision` one based on an older read
   * is refused as CONFLICT instead of silently undoing a newer write.
   */
  async update(
    id: string,
    input: unknown,
    reason?: string | null,
    by: string | null = null,
    expectedRevision?: number | null,
  ): Promise<Assessment> {
    const why = check.optionalText(reason, 'reason', LIMITS.revisionReason);
    const valid = validateAssessment(input, 'input');
    const expected = check.isPresent(expectedRevision)
      ? check.integer(expectedRevision, 'expectedRevision', 1, Number.MAX_SAFE_INTEGER)
      : null;
    if (!check.isLookupKey(id, check.ID_MAX_LENGTH))
      throw notFound(`Assessment ${JSON.stringify(id.slice(0, 40))}`, 'id');
    await this.db.write(async (tx) => {
      const current = await tx.assessments.lock(id);
      if (current === null) throw notFound(`Assessment ${id}`, 'id');
      if (expected !== null && current.revision !== expected) {
        throw new AppError(
          'CONFLICT',
          `expectedRevision: assessment ${id} is at revision ${current.revision}, not ${expected}: it changed since it was read. Read it again and reapply the change.`,
          'expectedRevision',
        );
      }
      const fronts = (await tx.assessments.fronts([id])).get(id) ?? [];
      const previous = { stored: current, frontSlugs: fronts.map((f) => f.slug) };
      await tx.assessments.write(valid, await frontIds(tx, valid), previous, by, why);
    });
    return (await this.byId(id))!;
  }

  async delete(id: string, reason?: string | null, by: string | null = null): Promise<boolean> {
    const why = check.optionalText(reason, 'reason', LIMITS.revisionReason);
    if (!check.isLookupKey(id, check.ID_MAX_LENGTH))
      throw notFound(`Assessment ${JSON.stringify(id.slice(0, 40))}`, 'id');
    return this.db.write(async (tx) => {
      const current = await tx.assessments.lock(id);
      if (current === null) throw notFound(`Assessment ${id}`, 'id');
      const fronts = (await tx.assessments.fronts([id])).get(id) ?? [];
      await tx.assessments.delete(
        current,
        fronts.map((f) => f.slug),
        by,
        why,
      );
      return true;
    });
  }
}

/** The ids of the assessment's fronts, in order; an unknown slug is BAD_USER_INPUT naming `input.fronts[i]`. */
async function frontIds(tx: Transaction, valid: ValidAssessment): Promise<string[]> {
  const slugs = new SlugResolver();
  slugs.wantAll('front', valid.fronts, 'input.fronts');
  await slugs.resolve(tx);
  return valid.fronts.map((slug) => slugs.id('front', slug));
}
