import { isAppError } from '../errors/app-errors';
import type { ImportResult } from '../services/event-service';
import type { Services } from '../services/services';
import { badInput } from '../errors/app-errors';
import { validateEvent, ValidEvent } from '../validation/event-validation';
import { readEventFile } from './read-event-file';
import { SlugKind, SlugResolver } from '../services/slug-resolver';

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

/** Every record that names a front, region, leader or actor the database does not have, by line. */
async function unknownSlugs(services: Services, valid: readonly ValidEvent[], lines: readonly number[]): Promise<Rejection[]> {
  const slugs = new SlugResolver(services.db.dialect.maxParameters);
  const references = (event: ValidEvent): [SlugKind, string, string][] => [
    ...event.fronts.map((s, i): [SlugKind, string, string] => ['front', s, `event.fronts[${i}]`]),
    ...event.regions.map((s, i): [SlugKind, string, string] => ['region', s, `event.regions[${i}]`]),
    ...event.leaders.map((s, i): [SlugKind, string, string] => ['leader', s, `event.leaders[${i}]`]),
    ...event.actors.map((s, i): [SlugKind, string, string] => ['actor', s, `event.actors[${i}]`]),
    ...event.quotes.flatMap((q, i): [SlugKind, string, string][] => (q.leader ? [['leader', q.leader, `event.quotes[${i}].leader`]] : [['actor', q.actor!, `event.quotes[${i}].actor`]])),
  ];
  for (const event of valid) for (const [kind, slug, field] of references(event)) slugs.want(kind, slug, field);
  await slugs.lookup(services.db.manager);
  const rejected: Rejection[] = [];
  valid.forEach((event, i) => {
    const unknown = references(event).find(([kind, slug]) => !slugs.has(kind, slug));
    if (unknown) rejected.push({ line: lines[i], field: unknown[2], message: `${unknown[2]}: unknown ${unknown[0]} "${unknown[1]}"` });
  });
  return rejected;
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
  const lines: number[] = [];
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
      lines.push(record.line);
    } catch (error) {
      if (!isAppError(error)) throw error;
      rejected.push({ line: record.line, field: error.field, message: error.message });
    }
  }
  rejected.push(...(await unknownSlugs(services, valid, lines)));
  if (rejected.length > 0) return { ok: false, total: records.length, rejected: rejected.sort((a, b) => a.line - b.line) };

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
