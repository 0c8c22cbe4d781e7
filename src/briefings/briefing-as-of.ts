import { addDays, parsePartialDate, PartialDate } from '../dates/partial-date';
import type { BriefingReadRepository } from '../db/repositories/briefing-read-repository';
import type { AssessmentState } from '../entities/assessment';
import type { RevisionState } from '../entities/event-revision';
import type { FrontStatusKind } from '../entities/front';
import type { FrontContextNote, FrontIssue, FrontRecordSource, FrontStatusPeriod } from '../entities/front-history';
import { badInput } from '../errors/app-errors';
import { sourceIdentity } from '../validation/event-validation';
import type { BriefingDataQuery, BriefingEvents, FrontHistoryRows } from './briefing-data';
import { briefingWindow, composeAssessment } from './briefing-data';
import {
  ASSESSMENT_DAYS,
  BACKGROUND_MIN_SIGNIFICANCE,
  ComposeAssessment,
  ComposeEvent,
  ComposeSource,
  olderBounds,
} from './compose-briefing';

/*
 * A briefing's events as they were at an instant, from the revisions: each event's newest revision written at or
 * before it (one statement), tombstones left out, then the leaders, actors and sources the states name (one
 * statement each, chunked only past the bind-parameter limit). The candidates are chosen here by the rules the
 * live reads apply in SQL (BriefingReadRepository.candidates): the states are JSON, which neither database can
 * index alike, so the selection is made in memory, over every event known at the instant.
 *
 * Assessments (assessmentsAsOf) and front status periods, issues and context notes (loadFrontHistoryAsOf) read
 * from their revisions in `editorial_revisions` too. Leaders, actors, sources and the fronts themselves are not
 * revisioned: they read as they are now. A state recorded before revisions held `occurredAt` reads as an event
 * without a time.
 */

interface StateAsOf {
  id: string;
  state: RevisionState;
  period: PartialDate;
}

function byNewest(a: StateAsOf, b: StateAsOf): number {
  if (a.period.start !== b.period.start) return a.period.start < b.period.start ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export async function loadBriefingEventsAsOf(
  reads: BriefingReadRepository,
  q: BriefingDataQuery,
  asOf: string,
): Promise<BriefingEvents> {
  if (q.frontIds.length === 0) return { events: [], assessments: [], olderEventCounts: {} };
  const wanted = new Set(q.frontIds.map((id) => q.frontSlugById.get(id)).filter((s) => s !== undefined));
  const window = briefingWindow(q.date);
  const older = olderBounds(q.date);

  const known: StateAsOf[] = [];
  for (const row of await reads.eventStatesAsOf(asOf, q.allFronts ? null : [...wanted])) {
    const state = JSON.parse(row.state) as RevisionState;
    const period = parsePartialDate(state.date);
    if (period === null || !state.fronts.some((slug) => wanted.has(slug))) continue;
    known.push({ id: row.eventId, state, period });
  }
  known.sort(byNewest);

  const windowEvents = known.filter(
    (e) => e.period.precision === 'DAY' && e.period.start >= window.from && e.period.start <= window.to,
  );
  const periodEvents = known.filter(
    (e) => e.period.precision !== 'DAY' && e.period.start <= q.date && e.period.end >= older.periodEndBefore,
  );
  if (windowEvents.length > q.maxEvents || periodEvents.length > q.maxEvents) {
    throw badInput(
      'fronts',
      `the briefing of ${q.date} would hold more than ${q.maxEvents} events; ask for fewer fronts`,
    );
  }
  const olderEventCounts: Record<string, number> = {};
  const background = new Map<string, StateAsOf[]>();
  for (const e of known) {
    const counted =
      e.period.precision === 'DAY' ? e.period.start < older.dayBefore : e.period.end < older.periodEndBefore;
    const inBackground =
      e.state.significance >= BACKGROUND_MIN_SIGNIFICANCE &&
      e.period.start <= q.date &&
      (e.period.precision !== 'DAY' || e.period.start < window.from);
    for (const slug of e.state.fronts) {
      if (!wanted.has(slug)) continue;
      if (counted) olderEventCounts[slug] = (olderEventCounts[slug] ?? 0) + 1;
      const list = background.get(slug) ?? [];
      if (inBackground && list.length < q.backgroundPerFront) background.set(slug, [...list, e]);
    }
  }

  const chosen = new Map<string, StateAsOf>();
  for (const e of [...windowEvents, ...periodEvents, ...[...background.values()].flat()]) chosen.set(e.id, e);
  return {
    events: await toComposeEvents([...chosen.values()], reads, q),
    assessments: await assessmentsAsOf(reads, q, wanted, asOf),
    olderEventCounts,
  };
}

/** The assessments of the briefing's days on its fronts as they stood at `asOf`, newest first (as the live read). */
async function assessmentsAsOf(
  reads: BriefingReadRepository,
  q: BriefingDataQuery,
  wanted: ReadonlySet<string>,
  asOf: string,
): Promise<ComposeAssessment[]> {
  const from = addDays(q.date, -ASSESSMENT_DAYS);
  const found: ComposeAssessment[] = [];
  for (const row of await reads.assessmentStatesAsOf(asOf)) {
    const state = JSON.parse(row.state) as AssessmentState;
    if (state.date < from || state.date > q.date) continue;
    const fronts = state.fronts.filter((slug) => wanted.has(slug));
    if (fronts.length === 0) continue;
    found.push(composeAssessment(row.assessmentId, { ...state, fronts }));
  }
  return found.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
  );
}

async function toComposeEvents(
  chosen: readonly StateAsOf[],
  reads: BriefingReadRepository,
  q: BriefingDataQuery,
): Promise<ComposeEvent[]> {
  if (chosen.length === 0) return [];
  const keyOf = (s: RevisionState['sources'][number]): string =>
    sourceIdentity(s.url, s.publisher, s.title, s.publishedOn);
  const refs = await reads.referencesBySlug(
    [...new Set(chosen.flatMap((e) => [...e.state.leaders, ...e.state.quotes.flatMap((x) => x.leader ?? [])]))],
    [...new Set(chosen.flatMap((e) => [...e.state.actors, ...e.state.quotes.flatMap((x) => x.actor ?? [])]))],
    [...new Set(chosen.flatMap((e) => e.state.sources.map(keyOf)))],
  );
  const leaders = new Map(refs.leaders.map((r) => [r.slug, r]));
  const actors = new Map(refs.actors.map((r) => [r.slug, r]));
  // A source since corrected to another identity no longer has a row under this one: its key stands in for the id.
  const sourceIds = new Map(refs.sources.map((r) => [r.identity_key, r.id]));
  const frontRank = new Map([...q.frontSlugById.values()].map((slug, i) => [slug, i]));
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

  return chosen.map(({ id, state }) => {
    const sources: ComposeSource[] = state.sources.map((s) => ({
      id: sourceIds.get(keyOf(s)) ?? keyOf(s),
      publisher: s.publisher,
      title: s.title,
      url: s.url,
      publishedOn: s.publishedOn,
    }));
    const leader = (slug: string): ComposeEvent['leaders'][number] | null => {
      const r = leaders.get(slug);
      return r === undefined ? null : { type: 'leader', slug, name: r.name, office: r.office, tenureEnd: r.tenure_end };
    };
    const actor = (slug: string): ComposeEvent['actors'][number] | null => {
      const r = actors.get(slug);
      return r === undefined ? null : { type: 'actor', slug, name: r.name, kind: r.kind };
    };
    const quotes: ComposeEvent['quotes'] = [];
    for (const quote of state.quotes) {
      const speaker = quote.leader !== null ? leader(quote.leader) : quote.actor !== null ? actor(quote.actor) : null;
      const source = sources[quote.source];
      if (speaker !== null && source !== undefined)
        quotes.push({ text: quote.text, speaker, sourceId: source.id, verification: quote.verification });
    }
    return {
      id,
      title: state.title,
      summary: state.summary,
      kind: state.kind,
      significance: state.significance,
      verification: state.verification,
      dateValue: state.date,
      dateNote: state.dateNote ?? null,
      primaryFront: state.primaryFront ?? null,
      datePrecision: state.precision as ComposeEvent['datePrecision'],
      occurredAt: state.occurredAt ?? null,
      frontSlugs: state.fronts
        .filter((slug) => frontRank.has(slug))
        .sort((a, b) => frontRank.get(a)! - frontRank.get(b)!),
      leaders: state.leaders
        .map(leader)
        .filter((x) => x !== null)
        .sort(byName),
      actors: state.actors
        .map(actor)
        .filter((x) => x !== null)
        .sort(byName),
      sources,
      quotes,
    };
  });
}

/** A front record's fields as its revision keeps them (front-history-repository.ts `stateOf`). */
interface FrontRecordState {
  front: string;
  text: string;
  sources: FrontRecordSource[];
  kind?: FrontStatusKind;
  since?: string | null;
  until?: string | null;
  opened?: string | null;
  resolved?: string | null;
  validFrom?: string | null;
  retired?: string | null;
}

/**
 * The fronts' status periods, issues and context notes as they stood at `asOf`, from `editorial_revisions`: each
 * record's newest revision at or before it (one statement); a record first written later is absent. Of every
 * front when `frontIds` is null.
 */
export async function loadFrontHistoryAsOf(
  reads: BriefingReadRepository,
  frontIds: readonly string[] | null,
  frontIdBySlug: ReadonlyMap<string, string>,
  asOf: string,
): Promise<FrontHistoryRows> {
  const wanted = frontIds === null ? null : new Set(frontIds);
  const periods: FrontStatusPeriod[] = [];
  const issues: FrontIssue[] = [];
  const notes: FrontContextNote[] = [];
  for (const row of await reads.frontRecordStatesAsOf(asOf)) {
    const state = JSON.parse(row.state) as FrontRecordState;
    const frontId = frontIdBySlug.get(state.front);
    if (frontId === undefined || (wanted !== null && !wanted.has(frontId))) continue;
    // Recorded on the day of its first revision, as the live record's `recordedOn`.
    const common = {
      id: row.recordId,
      frontId,
      text: state.text,
      sources: state.sources,
      revision: row.revision,
      recordedOn: row.firstAt.slice(0, 10),
    };
    if (row.kind === 'front-status')
      periods.push({ ...common, kind: state.kind!, since: state.since ?? null, until: state.until ?? null });
    else if (row.kind === 'front-issue')
      issues.push({ ...common, opened: state.opened ?? null, resolved: state.resolved ?? null });
    else notes.push({ ...common, validFrom: state.validFrom ?? null, retired: state.retired ?? null });
  }
  return { periods, issues, notes };
}
