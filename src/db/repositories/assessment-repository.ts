import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Assessment, AssessmentFront, AssessmentState } from '../../entities/assessment';
import { ChangeLogEntry } from '../../entities/change-log';
import { Front } from '../../entities/front';
import { LIMITS } from '../../entities/limits';
import type { ValidAssessment } from '../../validation/assessment-validation';
import { chunkRows } from '../chunks';
import type { Dialect } from '../dialect';
import { ChangeSink, ignoreChanges, LoggedChange } from './change-log-repository';
import { EditorialRevisionRepository } from './editorial-revision-repository';
import { keyBeyond, PageWindow } from './paging';

/** A checked assessment filter, fronts as ids. */
export interface AssessmentQuery {
  /** Assessments dated on or after this day. */
  from: string | null;
  /** Assessments dated on or before this day. */
  to: string | null;
  /** Assessments on any of these fronts (empty: any front). */
  frontIds: readonly string[];
}

export interface AssessmentRows {
  assessments: Assessment[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

const ORDER = ['a.date_value', 'a.id'] as const;

const frontSlugList = (slugs: readonly string[]): string => `,${slugs.join(',')},`;

const sameSlugs = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((slug) => b.includes(slug));

/** Assessments, their fronts and their revisions (in `editorial_revisions`, kind 'assessment'). */
export class AssessmentRepository {
  private readonly revisionLog: EditorialRevisionRepository;

  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
    private readonly logged: ChangeSink = ignoreChanges,
  ) {
    this.revisionLog = new EditorialRevisionRepository(manager, dialect);
  }

  byIds(ids: readonly string[]): Promise<Assessment[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.manager.find(Assessment, { where: { id: In([...ids]) } });
  }

  /** The stored assessment, its row locked for the rest of the write transaction. */
  lock(id: string): Promise<Assessment | null> {
    return this.dialect
      .lockForWrite(this.manager.createQueryBuilder(Assessment, 'a').where('a.id = :id', { id }))
      .getOne();
  }

  /** Each assessment's fronts, in the order given. */
  async fronts(ids: readonly string[]): Promise<Map<string, Front[]>> {
    const byAssessment = new Map<string, Front[]>(ids.map((id) => [id, []]));
    for (const chunk of chunkRows([...new Set(ids)], 1, this.dialect.maxParameters)) {
      const rows = await this.manager
        .createQueryBuilder(Front, 'f')
        .innerJoin(AssessmentFront, 'af', 'af.front_id = f.id')
        .addSelect('af.assessment_id', 'assessment_id')
        .where('af.assessment_id IN (:...chunk)', { chunk })
        .orderBy('af.assessment_id')
        .addOrderBy('af.position')
        .getRawAndEntities();
      rows.entities.forEach((front, i) => {
        byAssessment.get(String((rows.raw[i] as { assessment_id: string }).assessment_id))?.push(front);
      });
    }
    return byAssessment;
  }

  /** One page of matching assessments, newest first (ties by id, descending), after the cursor's key. */
  async page(query: AssessmentQuery, window: Pick<PageWindow, 'size' | 'after'>): Promise<AssessmentRows> {
    const base = this.manager.createQueryBuilder(Assessment, 'a');
    if (query.from !== null) base.andWhere('a.date_value >= :from', { from: query.from });
    if (query.to !== null) base.andWhere('a.date_value <= :to', { to: query.to });
    if (query.frontIds.length > 0) {
      const sub = base
        .subQuery()
        .select('af.assessment_id')
        .from(AssessmentFront, 'af')
        .where('af.front_id IN (:...frontIds)')
        .getQuery();
      base.andWhere(`a.id IN ${sub}`, { frontIds: [...query.frontIds] });
    }
    const page = base.clone();
    if (window.after !== null) page.andWhere(keyBeyond('<', window.after, ORDER, 'a'));
    const rows = await page
      .orderBy('a.date_value', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(window.size + 1)
      .getMany();
    return {
      assessments: rows.slice(0, window.size),
      hasNextPage: rows.length > window.size,
      totalCount: () => base.getCount(),
    };
  }

  /**
   * Writes a validated assessment (a new one without `previous`, else a replacement of it, whose row the caller
   * has locked, with the slugs of the fronts it had), its fronts (ids, in order), a revision and a change-log entry;
   * returns its id.
   */
  async write(
    valid: ValidAssessment,
    frontIds: readonly string[],
    previous: { stored: Assessment; frontSlugs: readonly string[] } | null,
    by: string | null,
    reason: string | null,
    now = new Date().toISOString(),
  ): Promise<string> {
    const stored = previous?.stored ?? null;
    const id = stored?.id ?? randomUUID();
    const revision = stored === null ? 1 : stored.revision + 1;
    const row: Assessment = {
      id,
      date: valid.date,
      confidence: valid.confidence,
      text: valid.text,
      sourcesJson: JSON.stringify(valid.sources),
      revision,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
    };
    if (stored === null) await this.manager.insert(Assessment, row);
    else {
      await this.manager.update(Assessment, { id }, row);
      await this.manager.delete(AssessmentFront, { assessmentId: id });
    }
    await this.manager.insert(
      AssessmentFront,
      frontIds.map((frontId, position) => ({ assessmentId: id, frontId, position })),
    );
    const state: AssessmentState = {
      date: valid.date,
      confidence: valid.confidence,
      text: valid.text,
      fronts: valid.fronts,
      sources: valid.sources,
    };
    await this.revisionLog.record('assessment', id, revision, { at: now, by, reason }, state);
    await this.log(id, stored === null ? 'CREATED' : 'UPDATED', valid.text, valid.date, valid.fronts, now);
    // A move to another day or front changes the briefings it left as well as those it joined: both are logged.
    if (previous !== null && (previous.stored.date !== valid.date || !sameSlugs(previous.frontSlugs, valid.fronts)))
      await this.log(id, 'UPDATED', valid.text, previous.stored.date, previous.frontSlugs, now);
    return id;
  }

  /** Deletes the (locked) assessment, recording a tombstone revision and a change-log entry. */
  async delete(
    stored: Assessment,
    frontSlugs: readonly string[],
    by: string | null,
    reason: string | null,
    now = new Date().toISOString(),
  ): Promise<void> {
    await this.manager.delete(AssessmentFront, { assessmentId: stored.id });
    await this.manager.delete(Assessment, { id: stored.id });
    await this.revisionLog.record('assessment', stored.id, stored.revision + 1, { at: now, by, reason }, null);
    await this.log(stored.id, 'DELETED', stored.text, stored.date, frontSlugs, now);
  }

  /** The change-log entry moves the data's revision, so cached briefings and renders of its days are not reused. */
  private async log(
    id: string,
    action: LoggedChange['action'],
    text: string,
    date: string,
    frontSlugs: readonly string[],
    now: string,
  ): Promise<void> {
    const entry: LoggedChange = {
      entityType: 'assessment',
      entityId: id,
      action,
      changedAt: now,
      title: text.length > LIMITS.eventTitle ? `${text.slice(0, LIMITS.eventTitle - 1)}…` : text,
      dateStart: date,
      dateEnd: date,
      frontSlugs: frontSlugList(frontSlugs),
    };
    await this.manager.insert(ChangeLogEntry, entry);
    this.logged([entry]);
  }
}
