import { getHeapStatistics } from 'node:v8';
import { AppError, badInput, isAppError } from '../errors/app-errors';
import type { ImportResult } from '../services/event-service';
import type { Services } from '../services/services';
import { SlugKind, SlugResolver } from '../services/slug-resolver';
import { validateEvent, ValidEvent } from '../validation/event-validation';
import { readEventRecords } from './read-event-file';

export interface Rejection {
  line: number;
  field?: string;
  message: string;
}

export type FileImportOutcome =
  | { ok: true; total: number; result: ImportResult }
  /** `rejected`: the first rejections by line (at most REJECTIONS_KEPT); `rejectedCount`: all of them. */
  | { ok: false; total: number; rejected: Rejection[]; rejectedCount: number };

export interface ImportProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

type Reference = [SlugKind, string, string];

function references(event: ValidEvent): Reference[] {
  return [
    ...event.fronts.map((s, i): Reference => ['front', s, `event.fronts[${i}]`]),
    ...event.regions.map((s, i): Reference => ['region', s, `event.regions[${i}]`]),
    ...event.leaders.map((s, i): Reference => ['leader', s, `event.leaders[${i}]`]),
    ...event.actors.map((s, i): Reference => ['actor', s, `event.actors[${i}]`]),
    ...event.quotes.flatMap((q, i): Reference[] =>
      q.leader
        ? [['leader', q.leader, `event.quotes[${i}].leader`]]
        : [['actor', q.actor!, `event.quotes[${i}].actor`]],
    ),
  ];
}

/**
 * Events written per statement batch, and the text a batch may hold (big events make smaller batches). A batch's
 * text is held about four times while it is written (the records, the rows with their search text, the revisions'
 * JSON), so 1 MB of text keeps a 64 MB heap about 20 MB clear of its limit; 4 MB ran out of it.
 */
const BATCH = 2_000;
const BATCH_CHARS = 1024 * 1024;

/**
 * The record text the first pass keeps, checked, for the write (a kept record costs a few times its text). A file
 * within it is read and checked once; a larger one is read again for the write, so that its size is not bounded by
 * memory. V8's `heap_size_limit` counts about 192 MB besides the old space that --max-old-space-size sets (256 for
 * 64), so the budget is a sixty-fourth of what is left past 256 MB: none in a 64 MB heap, 63 MB of text by default.
 */
const keptCharsBudget = (): number =>
  Math.max(0, Math.floor((getHeapStatistics().heap_size_limit - 256 * 1024 * 1024) / 64));

/** Rejections kept for the report (the first ones by line); past that only their number is. */
export const REJECTIONS_KEPT = 1_000;

/** The first rejections by line, however many there are, and how many in all. */
class Rejections {
  private list: Rejection[] = [];
  count = 0;

  add(rejection: Rejection): void {
    this.count++;
    this.list.push(rejection);
    if (this.list.length >= 2 * REJECTIONS_KEPT) this.list = this.sorted();
  }

  sorted(): Rejection[] {
    return this.list.sort((a, b) => a.line - b.line).slice(0, REJECTIONS_KEPT);
  }
}

/** Each record of the file, checked on its own: the event, or why the record is refused. */
async function* checkedRecords(
  file: string,
): AsyncGenerator<{ line: number; event: ValidEvent; chars: number } | { line: number; rejection: Rejection }> {
  for await (const record of readEventRecords(file)) {
    if (record.parseError !== undefined) {
      yield { line: record.line, rejection: { line: record.line, message: record.parseError } };
      continue;
    }
    try {
      const event = validateEvent(record.value, 'event');
      if (event.externalId === null)
        throw badInput('event.externalId', 'is required for imports, so that importing again changes nothing');
      yield { line: record.line, event, chars: record.chars };
    } catch (error) {
      if (!isAppError(error)) throw error;
      yield { line: record.line, rejection: { line: record.line, field: error.field, message: error.message } };
    }
  }
}

/**
 * Imports a file all or nothing, reading it as a stream so that its size is not bounded by memory. A first pass
 * checks every record (keeping only externalIds and the slugs named); any rejection, reported with its line,
 * writes nothing. A second pass, only when a slug is unknown, finds the lines that name it. The write is one
 * transaction, so a crash mid-way leaves the database as it was. It takes the records the first pass kept when
 * the file fit in `keptCharsBudget`; otherwise it reads the file again (and a file changed between the passes
 * fails there and writes nothing).
 */
export async function importFile(
  services: Services,
  file: string,
  progress?: ImportProgress,
): Promise<FileImportOutcome> {
  const rejected = new Rejections();
  const slugs = new SlugResolver();
  const seen = new Map<string, number>();
  let total = 0;
  const budget = keptCharsBudget();
  let kept: { line: number; event: ValidEvent; chars: number }[] | null = [];
  let keptChars = 0;
  for await (const checked of checkedRecords(file)) {
    total++;
    if ('rejection' in checked) {
      rejected.add(checked.rejection);
      kept = null;
      continue;
    }
    const { event, line } = checked;
    if (kept !== null) {
      keptChars += checked.chars;
      if (keptChars > budget) kept = null;
      else kept.push(checked);
    }
    const first = seen.get(event.externalId!);
    if (first !== undefined) {
      rejected.add({
        line,
        field: 'event.externalId',
        message: `event.externalId: repeats the externalId of line ${first}`,
      });
      continue;
    }
    seen.set(event.externalId!, line);
    for (const [kind, slug, field] of references(event)) slugs.want(kind, slug, field);
  }
  await slugs.lookup(services.db.read);
  const valid = seen.size;
  const unknownIn = (event: ValidEvent): Reference | undefined =>
    references(event).find(([kind, slug]) => !slugs.has(kind, slug));
  if (slugs.anyUnknown()) {
    for await (const checked of checkedRecords(file)) {
      // A record already refused for a repeated externalId is not refused twice.
      const unknown =
        'event' in checked && seen.get(checked.event.externalId!) === checked.line
          ? unknownIn(checked.event)
          : undefined;
      if (unknown)
        rejected.add({
          line: checked.line,
          field: unknown[2],
          message: `${unknown[2]}: unknown ${unknown[0]} "${unknown[1]}"`,
        });
    }
  }
  seen.clear();
  if (rejected.count > 0 || slugs.anyUnknown()) kept = null;
  if (rejected.count > 0) return { ok: false, total, rejected: rejected.sorted(), rejectedCount: rejected.count };

  progress?.start(valid);
  try {
    const result = await services.db.write(async (tx) => {
      const sum: ImportResult = { created: 0, updated: 0, unchanged: 0 };
      let batch: ValidEvent[] = [];
      let batchChars = 0;
      let done = 0;
      const flush = async (): Promise<void> => {
        const written = await services.events.importValid(tx, batch, 'event');
        sum.created += written.created;
        sum.updated += written.updated;
        sum.unchanged += written.unchanged;
        done += batch.length;
        batch = [];
        batchChars = 0;
        progress?.update(done);
      };
      for await (const checked of kept ?? checkedRecords(file)) {
        if ('rejection' in checked)
          throw new AppError(
            'CONFLICT',
            `The file changed while it was imported (line ${checked.line}: ${checked.rejection.message}); nothing was imported.`,
          );
        if (unknownIn(checked.event))
          throw new AppError(
            'CONFLICT',
            `The file changed while it was imported (line ${checked.line}); nothing was imported.`,
          );
        batch.push(checked.event);
        batchChars += checked.chars;
        if (batch.length === BATCH || batchChars >= BATCH_CHARS) await flush();
      }
      if (batch.length > 0) await flush();
      if (done !== valid)
        throw new AppError('CONFLICT', 'The file changed while it was imported; nothing was imported.');
      return sum;
    });
    return { ok: true, total, result };
  } finally {
    progress?.stop();
  }
}
