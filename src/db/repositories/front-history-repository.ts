import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { daysHeld } from '../../dates/front-record-days';
import { ChangeLogEntry } from '../../entities/change-log';
import type { FrontRecordKind } from '../../entities/editorial-revision';
import { Front, type FrontStatusKind } from '../../entities/front';
import { FrontContextNote, FrontIssue, FrontRecordSource, FrontStatusPeriod } from '../../entities/front-history';
import { LIMITS } from '../../entities/limits';
import { chunkRows } from '../chunks';
import type { Dialect } from '../dialect';
import { ChangeSink, ignoreChanges, LoggedChange } from './change-log-repository';
import { EditorialRevisionRepository } from './editorial-revision-repository';

interface HistoryRow {
  record_kind: 'status' | 'issue' | 'context';
  id: string;
  front_id: string;
  text: string;
  sources: string;
  revision: number | string;
  recorded_on: string;
  kind: string | null;
  starts: string | null;
  ends: string | null;
}

type HistoryRecord = FrontStatusPeriod | FrontIssue | FrontContextNote;
type HistoryTarget = typeof FrontStatusPeriod | typeof FrontIssue | typeof FrontContextNote;

const TARGETS: Record<FrontRecordKind, HistoryTarget> = {
  'front-status': FrontStatusPeriod,
  'front-issue': FrontIssue,
  'front-context': FrontContextNote,
};

/** The days a record may hold on (see `daysHeld`). */
function heldDays(record: HistoryRecord): { from: string; to: string | null } {
  if ('since' in record) return daysHeld(record.since, record.until, record.recordedOn);
  if ('opened' in record) return daysHeld(record.opened, record.resolved, record.recordedOn);
  return daysHeld(record.validFrom, record.retired, record.recordedOn);
}

/** Both spans and the days between: what a write that turns one record into the other can change. */
function unionOf(
  a: { from: string; to: string | null },
  b: { from: string; to: string | null },
): { from: string; to: string | null } {
  return {
    from: a.from < b.from ? a.from : b.from,
    to: a.to === null || b.to === null ? null : a.to > b.to ? a.to : b.to,
  };
}

/** A record's fields as its revision keeps them, its front by slug. */
function stateOf(record: HistoryRecord, frontSlug: string): Record<string, unknown> {
  const { id: _id, frontId: _front, revision: _revision, recordedOn: _recorded, ...fields } = record;
  return { front: frontSlug, ...fields };
}

export interface EditorialWrite {
  frontSlug: string;
  by: string | null;
  reason: string | null;
  at: Date;
}

/**
 * A front's dated records (status periods, open issues, context notes) and their revisions in
 * `editorial_revisions`. Every write bumps the record's revision, adds its revision row and logs a change of the
 * front, so the data's revision moves and cached briefings are composed again.
 */
export class FrontHistoryRepository {
  private readonly revisionLog: EditorialRevisionRepository;

  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
    private readonly logged: ChangeSink = ignoreChanges,
  ) {
    this.revisionLog = new EditorialRevisionRepository(manager, dialect);
  }

  /** The status periods of the fronts (of every front when null): one statement per chunk of ids. */
  periods(frontIds: readonly string[] | null): Promise<FrontStatusPeriod[]> {
    return this.ofFronts(FrontStatusPeriod, frontIds);
  }

  issues(frontIds: readonly string[] | null): Promise<FrontIssue[]> {
    return this.ofFronts(FrontIssue, frontIds);
  }

  notes(frontIds: readonly string[] | null): Promise<FrontContextNote[]> {
    return this.ofFronts(FrontContextNote, frontIds);
  }

  private async ofFronts<T extends HistoryRecord>(
    target: new () => T,
    frontIds: readonly string[] | null,
  ): Promise<T[]> {
    if (frontIds === null) return this.manager.find(target, { order: { id: 'ASC' } as never });
    const rows: T[] = [];
    for (const chunk of chunkRows(frontIds, 1, this.dialect.maxParameters))
      rows.push(...(await this.manager.find(target, { where: { frontId: In(chunk) } as never })));
    return rows;
  }

  /**
   * Every status period, issue and context note of the fronts (of every front when null) in one statement (a
   * UNION ALL of the three tables; chunked only past the bind-parameter limit), for a briefing.
   */
  async history(
    frontIds: readonly string[] | null,
  ): Promise<{ periods: FrontStatusPeriod[]; issues: FrontIssue[]; notes: FrontContextNote[] }> {
    const result = { periods: [] as FrontStatusPeriod[], issues: [] as FrontIssue[], notes: [] as FrontContextNote[] };
    const chunks = frontIds === null ? [null] : chunkRows(frontIds, 3, this.dialect.maxParameters);
    for (const chunk of chunks) {
      const params: string[] = [];
      const part = (kind: string, table: string, extra: string, starts: string, ends: string): string => {
        let where = '';
        if (chunk !== null) {
          const marks = chunk.map((id) => {
            params.push(id);
            return this.manager.connection.driver.createParameter(`p${params.length}`, params.length - 1);
          });
          where = ` WHERE "front_id" IN (${marks.join(', ')})`;
        }
        return (
          `SELECT '${kind}' AS "record_kind", "id", "front_id", "text", "sources", "revision", "recorded_on", ` +
          `${extra} AS "kind", "${starts}" AS "starts", "${ends}" AS "ends" FROM "${table}"${where}`
        );
      };
      const sql = [
        part('status', 'front_status_periods', '"kind"', 'since', 'until'),
        part('issue', 'front_issues', 'NULL', 'opened', 'resolved'),
        part('context', 'front_context_notes', 'NULL', 'valid_from', 'retired'),
      ].join(' UNION ALL ');
      const rows: HistoryRow[] = await this.manager.query(sql, params);
      for (const row of rows) {
        const common = {
          id: row.id,
          frontId: row.front_id,
          text: row.text,
          sources: JSON.parse(row.sources) as FrontRecordSource[],
          revision: Number(row.revision),
          recordedOn: row.recorded_on,
        };
        if (row.record_kind === 'status')
          result.periods.push({ ...common, kind: row.kind as FrontStatusKind, since: row.starts, until: row.ends });
        else if (row.record_kind === 'issue') result.issues.push({ ...common, opened: row.starts, resolved: row.ends });
        else result.notes.push({ ...common, validFrom: row.starts, retired: row.ends });
      }
    }
    return result;
  }

  /**
   * The front's open status period (its `until` null), or null. In a write transaction the front's row is locked
   * first, so two new periods written at once follow one another instead of both closing the same one.
   */
  async openPeriod(frontId: string): Promise<FrontStatusPeriod | null> {
    await this.dialect
      .lockForWrite(this.manager.createQueryBuilder(Front, 'f').where('f.id = :frontId', { frontId }))
      .getOne();
    return this.manager
      .createQueryBuilder(FrontStatusPeriod, 'p')
      .where('p.front_id = :frontId AND p.until IS NULL', { frontId })
      .getOne();
  }

  byId<K extends FrontRecordKind>(kind: K, id: string): Promise<HistoryRecord | null> {
    return this.manager.findOne(TARGETS[kind], { where: { id } });
  }

  /** Stores a new record (revision 1). */
  async insert<T extends HistoryRecord>(
    kind: FrontRecordKind,
    target: new () => T,
    values: Omit<T, 'id' | 'revision' | 'recordedOn'>,
    write: EditorialWrite,
  ): Promise<T> {
    const record = {
      ...values,
      id: randomUUID(),
      revision: 1,
      recordedOn: write.at.toISOString().slice(0, 10),
    } as unknown as T;
    await this.manager.insert(target, record as never);
    await this.recordRevision(kind, record, write, null);
    return record;
  }

  /** Changes a stored record's fields, one revision more. */
  async update<T extends HistoryRecord>(
    kind: FrontRecordKind,
    record: T,
    changes: Partial<T>,
    write: EditorialWrite,
  ): Promise<T> {
    const updated = { ...record, ...changes, revision: record.revision + 1 };
    await this.manager.update(TARGETS[kind], { id: record.id }, { ...changes, revision: updated.revision });
    await this.recordRevision(kind, updated, write, record);
    return updated;
  }

  private async recordRevision(
    kind: FrontRecordKind,
    record: HistoryRecord,
    write: EditorialWrite,
    previous: HistoryRecord | null,
  ): Promise<void> {
    const at = write.at.toISOString();
    await this.revisionLog.record(
      kind,
      record.id,
      record.revision,
      { at, by: write.by, reason: write.reason },
      stateOf(record, write.frontSlug),
    );
    // Logged as a change of the front: the data's revision moves, so no cached briefing outlives the write. Its
    // days are those the record may hold on before or after the write (open-ended: no end), so changesSince and
    // briefingChanged reach the briefings of those days on this front (briefing-data.ts frontChangeTouchesBriefing).
    const days = previous === null ? heldDays(record) : unionOf(heldDays(previous), heldDays(record));
    const entry: LoggedChange = {
      entityType: 'front',
      entityId: record.id,
      action: previous === null ? 'CREATED' : 'UPDATED',
      changedAt: at,
      title: record.text.length > LIMITS.eventTitle ? `${record.text.slice(0, LIMITS.eventTitle - 1)}…` : record.text,
      dateStart: days.from,
      dateEnd: days.to,
      frontSlugs: `,${write.frontSlug},`,
    };
    await this.manager.insert(ChangeLogEntry, entry);
    this.logged([entry]);
  }
}
