import { parsePartialDate } from '../dates/partial-date';
import type { Database } from '../db/database';
import type { Transaction } from '../db/repositories';
import type { EditorialWrite } from '../db/repositories/front-history-repository';
import { Front } from '../entities/front';
import { FrontContextNote, FrontIssue, FrontStatusPeriod } from '../entities/front-history';
import { badInput } from '../errors/app-errors';
import {
  validateContext,
  validateEnd,
  validateIssue,
  validateStatus,
  ValidContext,
  ValidIssue,
  ValidStatus,
} from '../validation/front-history-validation';

const start = (date: string): string => parsePartialDate(date)!.start;
const end = (date: string): string => parsePartialDate(date)!.end;

/**
 * A front's state as dated history: status periods (each new one closes the one before), open issues (opened,
 * then resolved) and context notes (valid from a date, then retired). Every write is revisioned.
 */
export class FrontHistoryService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async front(tx: Transaction, slug: string, field: string): Promise<Front> {
    const front = await tx.fronts.bySlug(slug);
    if (front === null) throw badInput(field, `unknown front ${JSON.stringify(slug)}`);
    return front;
  }

  private write(front: Front, by: string | null, reason: string | null): EditorialWrite {
    return { frontSlug: front.slug, by, reason, at: this.now() };
  }

  setStatus(raw: Record<string, unknown>, by: string | null): Promise<FrontStatusPeriod> {
    const valid = validateStatus(raw);
    return this.db.write((tx) => this.setStatusIn(tx, valid, by, ''));
  }

  /**
   * Opens a new period from `since`, closing the open one (its `until` becomes `since`). A `since` not after the
   * open period's start (a period may not begin before or with the one it follows) is refused, naming `since`.
   */
  async setStatusIn(
    tx: Transaction,
    valid: ValidStatus,
    by: string | null,
    prefix: string,
  ): Promise<FrontStatusPeriod> {
    const front = await this.front(tx, valid.front, `${prefix}front`);
    const open = await tx.frontHistory.openPeriod(front.id);
    if (open?.since != null && start(valid.since) <= end(open.since))
      throw badInput(
        `${prefix}since`,
        `must be after the start of the current status (${open.since}); a period cannot begin before the one it follows`,
      );
    const write = this.write(front, by, valid.reason);
    if (open !== null)
      await tx.frontHistory.update(
        'front-status',
        open,
        { until: valid.since },
        {
          ...write,
          reason: `closed by the status from ${valid.since}`,
        },
      );
    return tx.frontHistory.insert(
      'front-status',
      FrontStatusPeriod,
      {
        frontId: front.id,
        kind: valid.kind,
        text: valid.text,
        since: valid.since,
        until: null,
        sources: valid.sources,
      },
      write,
    );
  }

  openIssue(raw: Record<string, unknown>, by: string | null): Promise<FrontIssue> {
    const valid = validateIssue(raw);
    return this.db.write((tx) => this.openIssueIn(tx, valid, by, ''));
  }

  async openIssueIn(tx: Transaction, valid: ValidIssue, by: string | null, prefix: string): Promise<FrontIssue> {
    const front = await this.front(tx, valid.front, `${prefix}front`);
    return tx.frontHistory.insert(
      'front-issue',
      FrontIssue,
      { frontId: front.id, text: valid.text, opened: valid.opened, resolved: null, sources: valid.sources },
      this.write(front, by, valid.reason),
    );
  }

  resolveIssue(raw: Record<string, unknown>, by: string | null): Promise<FrontIssue> {
    return this.endRecord<FrontIssue>(raw, by, {
      kind: 'front-issue',
      field: 'resolved',
      what: 'front issue',
      begins: (issue) => issue.opened,
      ends: (issue) => issue.resolved,
      already: (issue) => `the issue was already resolved (${issue.resolved})`,
      notBefore: (issue) => `must not be before the issue opened (${issue.opened})`,
    });
  }

  addContext(raw: Record<string, unknown>, by: string | null): Promise<FrontContextNote> {
    const valid = validateContext(raw);
    return this.db.write((tx) => this.addContextIn(tx, valid, by, ''));
  }

  async addContextIn(
    tx: Transaction,
    valid: ValidContext,
    by: string | null,
    prefix: string,
  ): Promise<FrontContextNote> {
    const front = await this.front(tx, valid.front, `${prefix}front`);
    return tx.frontHistory.insert(
      'front-context',
      FrontContextNote,
      { frontId: front.id, text: valid.text, validFrom: valid.validFrom, retired: null, sources: valid.sources },
      this.write(front, by, valid.reason),
    );
  }

  retireContext(raw: Record<string, unknown>, by: string | null): Promise<FrontContextNote> {
    return this.endRecord<FrontContextNote>(raw, by, {
      kind: 'front-context',
      field: 'retired',
      what: 'context note',
      begins: (note) => note.validFrom,
      ends: (note) => note.retired,
      already: (note) => `the note was already retired (${note.retired})`,
      notBefore: (note) => `must not be before the note holds from (${note.validFrom})`,
    });
  }

  /** Resolves an issue or retires a note: once, and not before the record began. */
  private endRecord<T extends FrontIssue | FrontContextNote>(
    raw: Record<string, unknown>,
    by: string | null,
    rule: {
      kind: 'front-issue' | 'front-context';
      field: 'resolved' | 'retired';
      what: string;
      begins: (record: T) => string | null;
      ends: (record: T) => string | null;
      already: (record: T) => string;
      notBefore: (record: T) => string;
    },
  ): Promise<T> {
    const valid = validateEnd(raw, rule.field, rule.what);
    return this.db.write(async (tx) => {
      const record = (await tx.frontHistory.byId(rule.kind, valid.id)) as T | null;
      if (record === null) throw badInput('id', `names no ${rule.what}`);
      if (rule.ends(record) !== null) throw badInput('id', rule.already(record));
      const begins = rule.begins(record);
      if (begins !== null && end(valid.date) < start(begins)) throw badInput(rule.field, rule.notBefore(record));
      const front = await this.frontById(tx, record.frontId);
      return tx.frontHistory.update(
        rule.kind,
        record,
        { [rule.field]: valid.date } as Partial<T>,
        this.write(front, by, valid.reason),
      );
    });
  }

  private async frontById(tx: Transaction, id: string): Promise<Front> {
    const [front] = await tx.relations.byIds(Front, [id]);
    return front;
  }

  /** Whether the front has any dated record yet (seeding writes a front's history only while it has none). */
  async hasHistory(tx: Transaction, frontId: string): Promise<boolean> {
    const { periods, issues, notes } = await tx.frontHistory.history([frontId]);
    return periods.length + issues.length + notes.length > 0;
  }
}
