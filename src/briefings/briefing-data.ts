import { addDays } from '../dates/partial-date';
import type { BriefingReadRepository } from '../db/repositories/briefing-read-repository';
import type { FrontHistoryRepository } from '../db/repositories/front-history-repository';
import type { AssessmentSourceData } from '../entities/assessment';
import type { Event } from '../entities/event';
import type { Front } from '../entities/front';
import type { FrontContextNote, FrontIssue, FrontStatusPeriod } from '../entities/front-history';
import { badInput } from '../errors/app-errors';
import { sourceIdentity } from '../validation/event-validation';
import {
  ASSESSMENT_DAYS,
  BACKGROUND_MIN_SIGNIFICANCE,
  ComposeActor,
  ComposeAssessment,
  ComposeEvent,
  ComposeFront,
  ComposeLeader,
  ComposeSource,
  olderBounds,
  RECENT_DAYS,
  TIMEZONE_MARGIN_DAYS,
} from './compose-briefing';

// Turns the rows of one briefing's reads (BriefingReadRepository) into plain compose data.

export { TIMEZONE_MARGIN_DAYS };

export interface BriefingDataQuery {
  date: string;
  /** Ids of the requested fronts; id → slug of every front, for the events' front lists. */
  frontIds: string[];
  /** True when `frontIds` is every front. */
  allFronts: boolean;
  frontSlugById: ReadonlyMap<string, string>;
  /** More events than this in the window is refused rather than loaded. */
  maxEvents: number;
  backgroundPerFront: number;
}

/** The first and last stored day an event of the briefing's today or recent window can have. */
export function briefingWindow(date: string): { from: string; to: string } {
  return { from: addDays(date, -RECENT_DAYS - TIMEZONE_MARGIN_DAYS), to: addDays(date, TIMEZONE_MARGIN_DAYS) };
}

/** A logged change as far as the briefing rule needs it. */
export interface ChangeOnDays {
  entityType: string;
  dateStart: string | null;
  dateEnd: string | null;
  /** `,gaza,iran,` (comma-led and comma-ended), `,` for none. */
  frontSlugs: string | null;
}

/**
 * Whether a logged change touches a briefing: an event change whose period overlaps the briefing's window and
 * which is on one of `frontSlugs` (on any front when null). ChangeLogRepository.eventChanges asks the same of the
 * stored log in SQL (for changesSince); this is the rule for changes in hand (for briefingChanged).
 */
export function changeTouchesBriefing(
  change: ChangeOnDays,
  window: { from: string; to: string },
  frontSlugs: readonly string[] | null,
): boolean {
  if (change.entityType !== 'event' || change.dateStart === null || change.dateEnd === null) return false;
  if (change.dateStart > window.to || change.dateEnd < window.from) return false;
  const on = change.frontSlugs ?? ',';
  return frontSlugs === null ? on !== ',' : frontSlugs.some((slug) => on.includes(`,${slug},`));
}

/**
 * Whether a logged change of a front record (status period, issue or context note) may change the briefing of
 * `date`: its days (before or after the write) include the date and it is on one of `frontSlugs` (on any front
 * when null). ChangeLogRepository.frontChanges asks the same of the stored log in SQL.
 */
export function frontChangeTouchesBriefing(
  change: ChangeOnDays,
  date: string,
  frontSlugs: readonly string[] | null,
): boolean {
  if (change.entityType !== 'front' || change.dateStart === null) return false;
  if (change.dateStart > date || (change.dateEnd !== null && change.dateEnd < date)) return false;
  const on = change.frontSlugs ?? ',';
  return frontSlugs === null ? on !== ',' : frontSlugs.some((slug) => on.includes(`,${slug},`));
}

/** A stored assessment (its state, or its row's fields) as composition takes it. */
export function composeAssessment(
  id: string,
  state: { date: string; confidence: string; text: string; fronts: string[]; sources: AssessmentSourceData[] },
): ComposeAssessment {
  return {
    id,
    date: state.date,
    confidence: state.confidence,
    text: state.text,
    frontSlugs: [...state.fronts],
    sources: state.sources.map(citedDocument),
  };
}

/**
 * A source an assessment or a front record cites, keyed like a stored source's identity, so a document an event
 * (or another record) also cites is numbered once.
 */
export function citedDocument(s: AssessmentSourceData): ComposeSource {
  return { id: `document-source:${sourceIdentity(s.url, s.publisher, s.title, s.publishedOn)}`, ...s };
}

/** Most (assessment, front) rows one briefing loads: far more than any week's judgements. */
export const MAX_ASSESSMENT_ROWS = 500;

export interface BriefingEvents {
  events: ComposeEvent[];
  /** The assessments of the briefing's days on its fronts, newest first. */
  assessments: ComposeAssessment[];
  /** Per front slug, the older events counted rather than loaded (see `olderBounds`). */
  olderEventCounts: Record<string, number>;
}

export async function loadBriefingEvents(reads: BriefingReadRepository, q: BriefingDataQuery): Promise<BriefingEvents> {
  if (q.frontIds.length === 0) return { events: [], assessments: [], olderEventCounts: {} };
  const window = briefingWindow(q.date);
  const older = olderBounds(q.date);
  const {
    window: windowEvents,
    periods: periodEvents,
    background: backgroundEvents,
    olderCounts,
    assessments: assessmentRows,
  } = await reads.candidates({
    date: q.date,
    from: window.from,
    to: window.to,
    frontIds: q.frontIds,
    allFronts: q.allFronts,
    windowLimit: q.maxEvents + 1,
    backgroundPerFront: q.backgroundPerFront,
    backgroundMinSignificance: BACKGROUND_MIN_SIGNIFICANCE,
    periodEndFrom: older.periodEndBefore,
    dayBefore: older.dayBefore,
    periodEndBefore: older.periodEndBefore,
    assessmentsFrom: addDays(q.date, -ASSESSMENT_DAYS),
    assessmentLimit: MAX_ASSESSMENT_ROWS,
  });
  const assessmentsById = new Map<string, ComposeAssessment>();
  for (const row of assessmentRows) {
    const slug = q.frontSlugById.get(row.front_id);
    let assessment = assessmentsById.get(row.id);
    if (assessment === undefined) {
      assessment = composeAssessment(row.id, {
        date: row.date_value,
        confidence: row.confidence,
        text: row.text,
        fronts: [],
        sources: JSON.parse(row.sources) as AssessmentSourceData[],
      });
      assessmentsById.set(row.id, assessment);
    }
    if (slug !== undefined) assessment.frontSlugs.push(slug);
  }
  const assessments = [...assessmentsById.values()];
  const olderEventCounts: Record<string, number> = {};
  for (const [frontId, count] of olderCounts) {
    const slug = q.frontSlugById.get(frontId);
    if (slug !== undefined) olderEventCounts[slug] = count;
  }
  if (windowEvents.length > q.maxEvents || periodEvents.length > q.maxEvents) {
    throw badInput(
      'fronts',
      `the briefing of ${q.date} would hold more than ${q.maxEvents} events; ask for fewer fronts`,
    );
  }

  const events = new Map<string, Event>();
  for (const e of [...windowEvents, ...periodEvents, ...backgroundEvents]) events.set(e.id, e);
  const ids = [...events.keys()];
  if (ids.length === 0) return { events: [], assessments, olderEventCounts };
  const {
    fronts: frontRows,
    leaders: leaderRows,
    actors: actorRows,
    sources: sourceRows,
    quotes: quoteRows,
  } = await reads.links(ids);

  const result = new Map<string, ComposeEvent>();
  for (const e of events.values()) {
    result.set(e.id, {
      id: e.id,
      title: e.title,
      summary: e.summary,
      kind: e.kind,
      significance: Number(e.significance),
      verification: e.verification,
      dateValue: e.dateValue,
      datePrecision: e.datePrecision,
      dateNote: e.dateNote,
      occurredAt: e.occurredAt,
      frontSlugs: [],
      primaryFront: e.primaryFrontId === null ? null : (q.frontSlugById.get(e.primaryFrontId) ?? null),
      leaders: [],
      actors: [],
      sources: [],
      quotes: [],
    });
  }
  const frontRank = new Map([...q.frontSlugById.values()].map((slug, i) => [slug, i]));
  for (const row of frontRows) {
    const slug = q.frontSlugById.get(row.front_id);
    if (slug !== undefined) result.get(row.event_id)?.frontSlugs.push(slug);
  }
  for (const row of leaderRows) {
    result
      .get(row.event_id)
      ?.leaders.push({ type: 'leader', slug: row.slug, name: row.name, office: row.office, tenureEnd: row.tenure_end });
  }
  for (const row of actorRows)
    result.get(row.event_id)?.actors.push({ type: 'actor', slug: row.slug, name: row.name, kind: row.kind });
  const sorted = sourceRows.sort((a, b) => Number(a.position) - Number(b.position));
  for (const row of sorted) {
    const source: ComposeSource = {
      id: row.id,
      publisher: row.publisher,
      title: row.title,
      url: row.url,
      publishedOn: row.published_on,
    };
    result.get(row.event_id)?.sources.push(source);
  }
  for (const row of quoteRows.sort((a, b) => Number(a.position) - Number(b.position))) {
    const event = result.get(row.event_id);
    if (event === undefined) continue;
    const speaker: ComposeLeader | ComposeActor | null =
      row.leader_slug !== null
        ? {
            type: 'leader',
            slug: row.leader_slug,
            name: row.leader_name ?? row.leader_slug,
            office: row.leader_office ?? '',
            tenureEnd: row.leader_tenure_end,
          }
        : row.actor_slug !== null
          ? {
              type: 'actor',
              slug: row.actor_slug,
              name: row.actor_name ?? row.actor_slug,
              kind: row.actor_kind ?? 'OTHER',
            }
          : null;
    // A quote always has a speaker and cites one of its event's sources; anything else is not shown.
    if (speaker === null || !event.sources.some((s) => s.id === row.source_id)) continue;
    event.quotes.push({ text: row.text, speaker, sourceId: row.source_id, verification: row.verification });
  }
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
  for (const event of result.values()) {
    event.frontSlugs.sort((a, b) => frontRank.get(a)! - frontRank.get(b)!);
    event.leaders.sort(byName);
    event.actors.sort(byName);
  }
  return { events: [...result.values()], assessments, olderEventCounts };
}

export interface FrontHistoryRows {
  periods: readonly FrontStatusPeriod[];
  issues: readonly FrontIssue[];
  notes: readonly FrontContextNote[];
}

/**
 * The dated records of the fronts (every front's when `frontIds` is null): one statement however many fronts
 * (chunked only past the bind-parameter limit).
 */
export function loadFrontHistory(
  history: FrontHistoryRepository,
  frontIds: readonly string[] | null,
): Promise<FrontHistoryRows> {
  return history.history(frontIds);
}

type Composed<T extends { sources: readonly AssessmentSourceData[] }> = Omit<T, 'sources'> & {
  sources: ComposeSource[];
};

const withCitedSources = <T extends { sources: readonly AssessmentSourceData[] }>(record: T): Composed<T> => ({
  ...record,
  sources: record.sources.map(citedDocument),
});

/** Stored fronts with their history as composition takes them; each record goes to its front in one pass. */
export function composeFronts(fronts: readonly Front[], history: FrontHistoryRows): ComposeFront[] {
  const byId = new Map<
    string,
    ComposeFront & {
      statusPeriods: Composed<FrontStatusPeriod>[];
      issues: Composed<FrontIssue>[];
      context: Composed<FrontContextNote>[];
    }
  >();
  for (const f of fronts)
    byId.set(f.id, {
      slug: f.slug,
      name: f.name,
      briefingOrder: f.briefingOrder,
      statusPeriods: [],
      issues: [],
      context: [],
    });
  for (const p of history.periods) byId.get(p.frontId)?.statusPeriods.push(withCitedSources(p));
  for (const i of history.issues) byId.get(i.frontId)?.issues.push(withCitedSources(i));
  for (const n of history.notes) byId.get(n.frontId)?.context.push(withCitedSources(n));
  return [...byId.values()];
}
