import { isAppError } from '../errors/app-errors';
import type { ImportResult } from '../services/event-service';
import type { Services } from '../services/services';
import { badInput } from '../errors/app-errors';
import { validateEvent, ValidEvent } from '../validation/event-validation';
import { readEventFile } from './read-event-file';

export interface Rejection {
  line: number;
  field?: string;
  message: string;
}

export type FileImportOutcome =
  | { ok: true; total: number; result: ImportResult }
  | { ok: false; total: number; rejected: Rejection[] };

export interface ImportProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

/** Events written per statement batch; progress moves once per batch. */
const BATCH = 2_000;

/**
 * Imports a file all or nothing: every record is checked first, and any rejection (reported with its line)
 * writes nothing. Then one transaction writes them all, so a crash mid-way leaves the database as it was.
 */
export async function importFile(services: Services, file: string, progress?: ImportProgress): Promise<FileImportOutcome> {
  const records = readEventFile(file);
  const rejected: Rejection[] = [];
  const valid: ValidEvent[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    if (record.parseError !== undefined) {
      rejected.push({ line: record.line, message: record.parseError });
      continue;
    }
    try {
      const event = validateEvent(record.value, 'event');
      if (event.externalId === null) throw badInput('event.externalId', 'is required for imports, so that importing again changes nothing');
      const first = seen.get(event.externalId);
      if (first !== undefined) throw badInput('event.externalId', `repeats the externalId of line ${first}`);
      seen.set(event.externalId, record.line);
      valid.push(event);
    } catch (error) {
      if (!isAppError(error)) throw error;
      rejected.push({ line: record.line, field: error.field, message: error.message });
    }
  }
  if (rejected.length > 0) return { ok: false, total: records.length, rejected };

  progress?.start(valid.length);
  try {
    const result = await services.db.write(async (manager) => {
      const total: ImportResult = { created: 0, updated: 0, unchanged: 0 };
      for (let i = 0; i < valid.length; i += BATCH) {
        const batch = await services.events.importValid(manager, valid.slice(i, i + BATCH), 'event');
        total.created += batch.created;
        total.updated += batch.updated;
        total.unchanged += batch.unchanged;
        progress?.update(Math.min(valid.length, i + BATCH));
      }
      return total;
    });
    return { ok: true, total: records.length, result };
  } finally {
    progress?.stop();
  }
}
