import { parsePartialDate } from '../dates/partial-date';
import type { RevisionState } from '../entities/event-revision';
import type { Briefing, BriefingCorrection, BriefingFieldChange } from './briefing';
import { changeTouchesBriefing } from './briefing-data';

/*
 * What changed between two instants, from the revisions: each event's state at the first (its newest revision at
 * or before it) against its state at the second (its newest revision up to it). Plain data in, plain data out.
 */

/** One revision as the diff reads it; `state` null for a tombstone. */
export interface RevisionEntry {
  eventId: string;
  revision: number;
  at: string;
  reason: string | null;
  state: RevisionState | null;
}

export type EventChangeAction = 'ADDED' | 'CORRECTED' | 'RETRACTED';

export interface EventChange {
  eventId: string;
  action: EventChangeAction;
  /** The title after the change; for a retraction, the title it had before. */
  title: string;
  /** Field by field, old and new (for an addition: every field's new value is not listed; empty). */
  changes: BriefingFieldChange[];
  /** The newest reason given among the revisions of the period; null when none was. */
  reason: string | null;
  /** The newest revision's instant. */
  at: string;
}

export interface ChangesBetween {
  added: EventChange[];
  corrected: EventChange[];
  retracted: EventChange[];
}

const list = (values: readonly string[]): string => values.join(', ');

/** Each field as a reader sees it, in the order corrections list them. */
const FIELDS: readonly [string, (s: RevisionState) => string | null][] = [
  ['title', (s) => s.title],
  ['summary', (s) => s.summary],
  ['date', (s) => s.date],
  ['occurredAt', (s) => s.occurredAt ?? null],
  ['timezone', (s) => s.timezone ?? null],
  ['kind', (s) => s.kind],
  ['significance', (s) => String(s.significance)],
  ['fronts', (s) => list(s.fronts)],
  ['regions', (s) => list(s.regions)],
  ['leaders', (s) => list(s.leaders)],
  ['actors', (s) => list(s.actors)],
  ['sources', (s) => s.sources.map((x) => `${x.publisher}, “${x.title}”${x.url ? ` ${x.url}` : ''}`).join('; ')],
  ['quotes', (s) => s.quotes.map((q) => `“${q.text}” (${q.leader ?? q.actor ?? 'unattributed'})`).join('; ')],
];

/** The fields whose values differ between two states of an event. */
export function fieldChanges(before: RevisionState, after: RevisionState): BriefingFieldChange[] {
  const changes: BriefingFieldChange[] = [];
  for (const [field, read] of FIELDS) {
    const oldValue = read(before);
    const newValue = read(after);
    // A state recorded before revisions held the time has none: that alone is no correction.
    const unrecorded = (field === 'occurredAt' || field === 'timezone') && before[field] === undefined;
    if (oldValue !== newValue && !unrecorded) changes.push({ field, oldValue, newValue });
  }
  return changes;
}

/** Whether a state of an event touches a briefing of `date` on `frontSlugs` (null: every front), by the one rule. */
export function stateTouches(
  state: RevisionState,
  window: { from: string; to: string },
  frontSlugs: readonly string[] | null,
): boolean {
  const period = parsePartialDate(state.date);
  if (period === null) return false;
  return changeTouchesBriefing(
    {
      entityType: 'event',
      dateStart: period.start,
      dateEnd: period.end,
      frontSlugs: state.fronts.length === 0 ? ',' : `,${state.fronts.join(',')},`,
    },
    window,
    frontSlugs,
  );
}

/**
 * The additions, corrections and retractions of the period: `before` holds each event's state at its start (absent
 * when the event did not exist or was deleted), `during` the revisions written in it, oldest first. An event created
 * and deleted within the period is none of them; one whose writes changed nothing readers see is not corrected.
 */
export function changesBetween(
  before: ReadonlyMap<string, RevisionState>,
  during: readonly RevisionEntry[],
  touches: (state: RevisionState) => boolean,
): ChangesBetween {
  const byEvent = new Map<string, RevisionEntry[]>();
  for (const entry of during) {
    const entries = byEvent.get(entry.eventId);
    if (entries === undefined) byEvent.set(entry.eventId, [entry]);
    else entries.push(entry);
  }
  const result: ChangesBetween = { added: [], corrected: [], retracted: [] };
  for (const [eventId, entries] of byEvent) {
    entries.sort((a, b) => a.revision - b.revision);
    const last = entries[entries.length - 1];
    const reason = [...entries].reverse().find((e) => e.reason !== null)?.reason ?? null;
    const old = before.get(eventId) ?? null;
    const now = last.state;
    if (!(old !== null && touches(old)) && !(now !== null && touches(now))) continue;
    if (old === null && now !== null) {
      result.added.push({ eventId, action: 'ADDED', title: now.title, changes: [], reason, at: last.at });
    } else if (old !== null && now === null) {
      result.retracted.push({ eventId, action: 'RETRACTED', title: old.title, changes: [], reason, at: last.at });
    } else if (old !== null && now !== null) {
      const changes = fieldChanges(old, now);
      if (changes.length > 0)
        result.corrected.push({ eventId, action: 'CORRECTED', title: now.title, changes, reason, at: last.at });
    }
  }
  const byTime = (a: EventChange, b: EventChange): number =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.eventId < b.eventId ? -1 : 1;
  result.added.sort(byTime);
  result.corrected.sort(byTime);
  result.retracted.sort(byTime);
  return result;
}

/** Field changes one after the other: each field from its first old value to its last new one, unchanged ones left out. */
function mergeFieldChanges(
  earlier: readonly BriefingFieldChange[],
  later: readonly BriefingFieldChange[],
): BriefingFieldChange[] {
  const merged = new Map(earlier.map((c) => [c.field, { ...c }]));
  for (const change of later) {
    const first = merged.get(change.field);
    merged.set(change.field, first === undefined ? { ...change } : { ...first, newValue: change.newValue });
  }
  return [...merged.values()].filter((c) => c.oldValue !== c.newValue);
}

/**
 * An edition's corrections: the previous edition's that were made by this one's cutoff (an edition as of an earlier
 * cutoff does not know later ones), and the new ones to what the previous edition showed, merged per event (first
 * shown title and old values, newest new values, action and reason). Carried forward, a correction stays in every
 * later edition of the series, so an edition published again with nothing changed is the same bytes.
 */
export function carryCorrections(
  previous: readonly BriefingCorrection[],
  fresh: readonly BriefingCorrection[],
  cutoff: string,
): BriefingCorrection[] {
  const byEvent = new Map<string, BriefingCorrection>();
  for (const c of previous) if (c.at <= cutoff) byEvent.set(c.eventId, c);
  for (const c of fresh) {
    const old = byEvent.get(c.eventId);
    if (old === undefined) {
      byEvent.set(c.eventId, c);
      continue;
    }
    const changes = c.action === 'RETRACTED' ? old.changes : mergeFieldChanges(old.changes, c.changes);
    byEvent.set(c.eventId, { ...c, edition: old.edition, title: old.title, changes });
  }
  return [...byEvent.values()]
    .filter((c) => c.action === 'RETRACTED' || c.changes.length > 0)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.eventId < b.eventId ? -1 : 1));
}

/** The events a briefing tells, with the titles it shows them under. */
export function shownTitles(briefing: Briefing): Map<string, string> {
  const titles = new Map<string, string>();
  for (const s of briefing.sections)
    for (const e of [...s.today, ...s.recent, ...s.alsoReported, ...s.background]) titles.set(e.id, e.title);
  return titles;
}
