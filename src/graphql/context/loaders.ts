import DataLoader from 'dataloader';
import type { Database } from '../../db/database';
import type { EditionFormatInfo } from '../../db/repositories/edition-repository';
import type { Identified, LinkName } from '../../db/repositories/relation-repository';
import { Actor } from '../../entities/actor';
import { Assessment } from '../../entities/assessment';
import { Edition } from '../../entities/edition';
import type { EditorialKind, EditorialRevisionRow } from '../../entities/editorial-revision';
import { Event } from '../../entities/event';
import type { EventRevisionRow } from '../../entities/event-revision';
import { Front } from '../../entities/front';
import type { FrontContextNote, FrontIssue, FrontStatusPeriod } from '../../entities/front-history';
import { Leader } from '../../entities/leader';
import { Quote } from '../../entities/quote';
import { Region } from '../../entities/region';
import { Source } from '../../entities/source';

/**
 * Per-request batch loaders: every nested list of a page of results costs one statement per kind, however many
 * parents the page holds.
 */
export interface Loaders {
  regionById: DataLoader<string, Region | null>;
  leaderById: DataLoader<string, Leader | null>;
  actorById: DataLoader<string, Actor | null>;
  sourceById: DataLoader<string, Source | null>;
  frontsByEvent: DataLoader<string, Front[]>;
  regionsByEvent: DataLoader<string, Region[]>;
  leadersByEvent: DataLoader<string, Leader[]>;
  actorsByEvent: DataLoader<string, Actor[]>;
  sourcesByEvent: DataLoader<string, Source[]>;
  quotesByEvent: DataLoader<string, LoadedQuote[]>;
  regionsByFront: DataLoader<string, Region[]>;
  eventsByLeader: DataLoader<string, Event[]>;
  /** `Query.node(id:)`: each batch looks its ids up in every node table, one statement per table. */
  nodeById: DataLoader<string, NodeRow | null>;
  /** Each edition's stored formats (without their bytes): one statement per batch. */
  editionFormats: DataLoader<string, EditionFormatInfo[]>;
  revisionsByEvent: DataLoader<string, EventRevisionRow[]>;
  periodsByFront: DataLoader<string, FrontStatusPeriod[]>;
  issuesByFront: DataLoader<string, FrontIssue[]>;
  notesByFront: DataLoader<string, FrontContextNote[]>;
  /** Keyed `<kind>:<record id>`. */
  editorialRevisions: DataLoader<string, EditorialRevisionRow[]>;
  frontsByAssessment: DataLoader<string, Front[]>;
  frontById: DataLoader<string, Front | null>;
  revisionsByAssessment: DataLoader<string, EditorialRevisionRow[]>;
}

/** A stored record that is a `Node`. */
export type NodeRow = Event | Front | Region | Leader | Actor | Edition | Assessment;

/** A quote with its speaker and source already loaded. */
export type LoadedQuote = Quote & { speaker: Leader | Actor | null; source: Source | null };

/** How many of a leader's events `Leader.events` lists, newest first. */
export const LEADER_EVENTS_LIMIT = 50;

/** A loader of a front's dated records: one statement per batch of fronts. */
function byFront<T extends { frontId: string }>(
  load: (frontIds: readonly string[]) => Promise<T[]>,
): DataLoader<string, T[]> {
  return new DataLoader(async (frontIds) => {
    const byFront = new Map<string, T[]>(frontIds.map((id) => [id, []]));
    for (const row of await load(frontIds)) byFront.get(row.frontId)?.push(row);
    return frontIds.map((id) => byFront.get(id) ?? []);
  });
}

export function createLoaders(db: Database): Loaders {
  const relations = db.read.relations;

  const recordsById = async <T extends Identified>(
    target: new () => T,
    ids: readonly string[],
  ): Promise<Map<string, T>> => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await relations.byIds(target, unique);
    return new Map(rows.map((r) => [r.id, r]));
  };

  const byId = <T extends Identified>(target: new () => T) =>
    new DataLoader<string, T | null>(async (ids) => {
      const rows = await relations.byIds(target, ids);
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id) ?? null);
    });

  /**
   * Loads the records linked to each parent through a link table: one statement for the links and one for the
   * records, inside the batch, so the count never depends on how other loaders' batches happen to interleave.
   * Raw link rows are used because a record linked to several parents must appear under each of them.
   */
  const linked = <T extends Identified>(link: LinkName, target: new () => T, compare: (a: T, b: T) => number) =>
    new DataLoader<string, T[]>(async (parentIds) => {
      const rows = await relations.linkRows(link, parentIds);
      const records = await recordsById(
        target,
        rows.map((r) => r.child_id),
      );
      const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) {
        const record = records.get(row.child_id);
        if (record) groups.get(row.parent_id)?.push(record);
      }
      return parentIds.map((id) => (groups.get(id) ?? []).sort(compare));
    });

  const regionById = byId(Region);
  const leaderById = byId(Leader);
  const actorById = byId(Actor);
  const sourceById = byId(Source);
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

  return {
    revisionsByEvent: new DataLoader(async (eventIds) => {
      const byEvent = await db.read.events.revisions(eventIds);
      return eventIds.map((id) => byEvent.get(id) ?? []);
    }),
    periodsByFront: byFront((ids) => db.read.frontHistory.periods(ids)),
    issuesByFront: byFront((ids) => db.read.frontHistory.issues(ids)),
    notesByFront: byFront((ids) => db.read.frontHistory.notes(ids)),
    editorialRevisions: new DataLoader(async (keys) => {
      const found = new Map<string, EditorialRevisionRow[]>();
      const kinds = new Map<EditorialKind, string[]>();
      for (const key of keys) {
        const [kind, id] = key.split(':') as [EditorialKind, string];
        kinds.set(kind, [...(kinds.get(kind) ?? []), id]);
      }
      for (const [kind, ids] of kinds)
        for (const [id, rows] of await db.read.editorialRevisions.revisions(kind, ids))
          found.set(`${kind}:${id}`, rows);
      return keys.map((key) => found.get(key) ?? []);
    }),
    frontById: byId(Front),
    frontsByAssessment: new DataLoader(async (ids) => {
      const byAssessment = await db.read.assessments.fronts(ids);
      return ids.map((id) => byAssessment.get(id) ?? []);
    }),
    revisionsByAssessment: new DataLoader(async (ids) => {
      const byAssessment = await db.read.editorialRevisions.revisions('assessment', ids);
      return ids.map((id) => byAssessment.get(id) ?? []);
    }),
    regionById,
    leaderById,
    actorById,
    sourceById,
    frontsByEvent: linked(
      'eventFronts',
      Front,
      (a, b) => a.briefingOrder - b.briefingOrder || a.slug.localeCompare(b.slug),
    ),
    regionsByEvent: linked('eventRegions', Region, byName),
    leadersByEvent: linked('eventLeaders', Leader, byName),
    actorsByEvent: linked('eventActors', Actor, byName),
    sourcesByEvent: new DataLoader(async (eventIds) => {
      const links = await relations.eventSources(eventIds);
      const sources = await recordsById(
        Source,
        links.map((l) => l.sourceId),
      );
      return eventIds.map((id) =>
        links
          .filter((l) => l.eventId === id)
          .map((l) => sources.get(l.sourceId))
          .filter((s): s is Source => s !== undefined),
      );
    }),
    regionsByFront: linked('frontRegions', Region, byName),
    quotesByEvent: new DataLoader(async (eventIds) => {
      // Speakers and sources come in the same batch: a quote list costs four statements, however long.
      const rows = await relations.quotes(eventIds);
      const leaders = await recordsById(
        Leader,
        rows.flatMap((q) => (q.speakerLeaderId ? [q.speakerLeaderId] : [])),
      );
      const actors = await recordsById(
        Actor,
        rows.flatMap((q) => (q.speakerActorId ? [q.speakerActorId] : [])),
      );
      const sources = await recordsById(
        Source,
        rows.map((q) => q.sourceId),
      );
      const loaded: LoadedQuote[] = rows.map((q) => ({
        ...q,
        speaker: (q.speakerLeaderId ? leaders.get(q.speakerLeaderId) : actors.get(q.speakerActorId!)) ?? null,
        source: sources.get(q.sourceId) ?? null,
      }));
      return eventIds.map((id) => loaded.filter((q) => q.eventId === id));
    }),
    nodeById: new DataLoader(async (ids) => {
      const tables = await Promise.all([
        recordsById(Event, ids),
        recordsById(Front, ids),
        recordsById(Region, ids),
        recordsById(Leader, ids),
        recordsById(Actor, ids),
        recordsById(Edition, ids),
        recordsById(Assessment, ids),
      ]);
      return ids.map((id) => tables.map((table): NodeRow | undefined => table.get(id)).find(Boolean) ?? null);
    }),
    editionFormats: new DataLoader(async (ids) => {
      const formats = await db.read.editions.formatInfos(ids);
      return ids.map((id) => formats.get(id) ?? []);
    }),
    eventsByLeader: new DataLoader(async (leaderIds) => {
      // One statement for every leader on the page, however many events each has.
      const rows = await relations.newestEventsByLeader(leaderIds, LEADER_EVENTS_LIMIT);
      const events = await recordsById(
        Event,
        rows.map((r) => r.event_id),
      );
      const newestFirst = (a: Event, b: Event): number =>
        b.dateStart.localeCompare(a.dateStart) || b.id.localeCompare(a.id);
      const groups = new Map<string, Event[]>(leaderIds.map((id) => [id, []]));
      for (const row of rows) {
        const event = events.get(row.event_id);
        if (event) groups.get(row.leader_id)?.push(event);
      }
      for (const list of groups.values()) list.sort(newestFirst);
      return leaderIds.map((id) => groups.get(id) ?? []);
    }),
  };
}
