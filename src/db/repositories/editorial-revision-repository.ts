import { EntityManager, In } from 'typeorm';
import { EditorialKind, EditorialRevisionRow } from '../../entities/editorial-revision';
import { chunkRows } from '../chunks';
import type { Dialect } from '../dialect';

/** Who wrote a revision, when and why. */
export interface RevisionWrite {
  at: string;
  by: string | null;
  reason: string | null;
}

/**
 * The revisions of editorial records (front status periods, issues, context notes and assessments), one table for
 * every kind: each write adds a row, none is ever changed.
 */
export class EditorialRevisionRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
  ) {}

  /** Adds the revision of one write; `state` null records a deletion (a tombstone). */
  async record(
    kind: EditorialKind,
    recordId: string,
    revision: number,
    write: RevisionWrite,
    state: object | null,
  ): Promise<void> {
    await this.manager.insert(EditorialRevisionRow, {
      kind,
      recordId,
      revision,
      at: write.at,
      by: write.by,
      reason: write.reason,
      state: state === null ? null : JSON.stringify(state),
    });
  }

  /** The revisions of each record of one kind (deleted ones too), oldest first: one statement per chunk of ids. */
  async revisions(kind: EditorialKind, ids: readonly string[]): Promise<Map<string, EditorialRevisionRow[]>> {
    const byRecord = new Map<string, EditorialRevisionRow[]>(ids.map((id) => [id, []]));
    for (const chunk of chunkRows([...new Set(ids)], 1, this.dialect.maxParameters - 1)) {
      const rows = await this.manager.find(EditorialRevisionRow, {
        where: { kind, recordId: In(chunk) },
        order: { recordId: 'ASC', revision: 'ASC' },
      });
      for (const row of rows) byRecord.get(row.recordId)?.push(row);
    }
    return byRecord;
  }
}
