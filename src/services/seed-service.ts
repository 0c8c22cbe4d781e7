import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/config';
import type { Database } from '../db/database';
import { badInput } from '../errors/app-errors';
import * as check from '../validation/checks';
import { validateEvent } from '../validation/event-validation';
import {
  validateContext,
  validateIssue,
  validateStatus,
  ValidContext,
  ValidIssue,
  ValidStatus,
} from '../validation/front-history-validation';
import { validateActor, validateFront, validateLeader, validateRegion } from '../validation/reference-validation';
import { ActorService } from './actor-service';
import { EventService, ImportResult } from './event-service';
import { FrontHistoryService } from './front-history-service';
import { FrontService } from './front-service';
import { LeaderService } from './leader-service';
import { RegionService } from './region-service';

export const SEED_DIR = path.join(PROJECT_ROOT, 'seeds');

export interface SeedResult {
  references: number;
  events: ImportResult;
}

function readSeedFile(dir: string, name: string): unknown[] {
  const file = path.join(dir, `${name}.json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw badInput(file, `cannot be read as JSON: ${(error as Error).message}`);
  }
  return check.list(parsed, file, 0, 100_000);
}

/** One front's dated history as `front-history.json` gives it. */
interface SeedHistory {
  front: string;
  status: ValidStatus[];
  issues: ValidIssue[];
  context: ValidContext[];
}

function validateHistory(raw: unknown, field: string): SeedHistory {
  const input = check.record(raw, field);
  const front = check.slug(input.front, `${field}.front`);
  const each = <T>(key: string, validate: (r: Record<string, unknown>, prefix: string) => T): T[] =>
    check
      .list(input[key] ?? [], `${field}.${key}`, 0, 1000)
      .map((r, i) => validate({ ...check.record(r, `${field}.${key}[${i}]`), front }, `${field}.${key}[${i}].`));
  return {
    front,
    status: each('status', validateStatus),
    issues: each('issues', validateIssue),
    context: each('context', validateContext),
  };
}

/**
 * Loads the seed files (regions, leaders, actors, fronts, front history, events) in one transaction; loading twice
 * changes nothing (a front's history is written only while it has none).
 */
export class SeedService {
  constructor(private readonly db: Database) {}

  async isEmpty(): Promise<boolean> {
    return (await this.db.read.events.count()) === 0;
  }

  async seed(dir = SEED_DIR): Promise<SeedResult> {
    const regions = readSeedFile(dir, 'regions').map((r, i) => validateRegion(r, `regions.json[${i}]`));
    const leaders = readSeedFile(dir, 'leaders').map((r, i) => validateLeader(r, `leaders.json[${i}]`));
    const actors = readSeedFile(dir, 'actors').map((r, i) => validateActor(r, `actors.json[${i}]`));
    const fronts = readSeedFile(dir, 'fronts').map((r, i) => validateFront(r, `fronts.json[${i}]`));
    const histories = readSeedFile(dir, 'front-history').map((r, i) => validateHistory(r, `front-history.json[${i}]`));
    const events = readSeedFile(dir, 'events').map((r, i) => validateEvent(r, `events.json[${i}]`));
    const regionService = new RegionService(this.db);
    const leaderService = new LeaderService(this.db);
    const actorService = new ActorService(this.db);
    const frontService = new FrontService(this.db);
    const eventService = new EventService(this.db);
    const historyService = new FrontHistoryService(this.db);
    return this.db.write(async (tx) => {
      for (const [i, r] of regions.entries()) await regionService.upsertIn(tx, r, `regions.json[${i}]`);
      for (const [i, r] of leaders.entries()) await leaderService.upsertIn(tx, r, `leaders.json[${i}]`);
      for (const [i, r] of actors.entries()) await actorService.upsertIn(tx, r, `actors.json[${i}]`);
      for (const [i, r] of fronts.entries()) await frontService.upsertIn(tx, r, `fronts.json[${i}]`);
      for (const [i, h] of histories.entries()) {
        const field = `front-history.json[${i}]`;
        const front = await tx.fronts.bySlug(h.front);
        if (front === null) throw badInput(`${field}.front`, `unknown front ${JSON.stringify(h.front)}`);
        if (await historyService.hasHistory(tx, front.id)) continue;
        for (const [j, s] of h.status.entries())
          await historyService.setStatusIn(tx, s, null, `${field}.status[${j}].`);
        for (const [j, s] of h.issues.entries())
          await historyService.openIssueIn(tx, s, null, `${field}.issues[${j}].`);
        for (const [j, s] of h.context.entries())
          await historyService.addContextIn(tx, s, null, `${field}.context[${j}].`);
      }
      const result = await eventService.importValid(tx, events, 'events.json');
      return { references: regions.length + leaders.length + actors.length + fronts.length, events: result };
    });
  }
}
