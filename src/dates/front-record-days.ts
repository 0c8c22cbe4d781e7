import { addDays, parsePartialDate } from './partial-date';

/*
 * Which of a front's dated records hold on a day: the status period, the open issues, the context notes. Shared by
 * composition and the GraphQL fields `Front.status(on:)`, `openIssues(on:)` and `context(on:)`, so a briefing and
 * the API never disagree.
 *
 * A record dated to the day holds from that day. One dated to a month or year may have begun after a day its
 * period contains, so, like an event of that precision, it holds only once it is known to have begun: the day
 * after its period ended, or the day one of its sources was published (not before the period began). A record
 * with no date (carried over from before history was kept) holds from the day it was recorded. An end (a period's
 * `until`, an issue's `resolved`, a note's `retired`) counts from the day it is known the same way.
 */

export interface DatedSource {
  publishedOn: string | null;
}

export interface HistoryStatusPeriod {
  kind: string;
  text: string;
  since: string | null;
  until: string | null;
  sources: readonly DatedSource[];
  recordedOn: string;
}

export interface HistoryIssue {
  text: string;
  opened: string | null;
  resolved: string | null;
  sources: readonly DatedSource[];
  recordedOn: string;
}

export interface HistoryContextNote {
  text: string;
  validFrom: string | null;
  retired: string | null;
  sources: readonly DatedSource[];
  recordedOn: string;
}

/** The first day a record dated `date` is known to hold (see above). */
export function knownFrom(date: string | null, sources: readonly DatedSource[], recordedOn: string): string {
  const period = date === null ? null : parsePartialDate(date);
  if (period === null) return recordedOn;
  if (period.precision === 'DAY') return period.start;
  let known = addDays(period.end, 1);
  for (const source of sources) {
    if (source.publishedOn === null) continue;
    const published = source.publishedOn < period.start ? period.start : source.publishedOn;
    if (published < known) known = published;
  }
  return known;
}

const endedBy = (end: string | null, day: string): boolean => end !== null && knownFrom(end, [], end) <= day;

/** Where a period sits in its front's chain: periods start strictly one after another; an undated one first. */
const chainKey = (p: Pick<HistoryStatusPeriod, 'since'>): string =>
  p.since === null ? '' : (parsePartialDate(p.since)?.start ?? p.since);

/** The period in force on `day`: the latest known to have begun by then, or null before any. */
export function statusOn<T extends HistoryStatusPeriod>(periods: readonly T[], day: string): T | null {
  let best: T | null = null;
  for (const p of periods) {
    if (knownFrom(p.since, p.sources, p.recordedOn) > day) continue;
    if (best === null || chainKey(p) > chainKey(best)) best = p;
  }
  return best;
}

/** Every period in chain order, oldest first. */
export function statusChain<T extends HistoryStatusPeriod>(periods: readonly T[]): T[] {
  return [...periods].sort((a, b) => chainKey(a).localeCompare(chainKey(b)));
}

const byStart = (a: string | null, b: string | null): number =>
  (a === null ? '' : (parsePartialDate(a)?.start ?? a)).localeCompare(
    b === null ? '' : (parsePartialDate(b)?.start ?? b),
  );

/** The issues open on `day`: opened and known by then, not known resolved; oldest first. */
export function issuesOn<T extends HistoryIssue>(issues: readonly T[], day: string): T[] {
  return issues
    .filter((i) => knownFrom(i.opened, i.sources, i.recordedOn) <= day && !endedBy(i.resolved, day))
    .sort((a, b) => byStart(a.opened, b.opened) || a.text.localeCompare(b.text));
}

/** The context notes that hold on `day`; oldest first. */
export function contextOn<T extends HistoryContextNote>(notes: readonly T[], day: string): T[] {
  return notes
    .filter((n) => knownFrom(n.validFrom, n.sources, n.recordedOn) <= day && !endedBy(n.retired, day))
    .sort((a, b) => byStart(a.validFrom, b.validFrom) || a.text.localeCompare(b.text));
}

/**
 * The days a record may hold on, first to last (`to` null: no end yet), taken wide: from the first day of its
 * start's period (or the day it was recorded, for one with no start) to the day its end is known. A write to the
 * record can change the briefings of these days and no others.
 */
export function daysHeld(
  start: string | null,
  end: string | null,
  recordedOn: string,
): { from: string; to: string | null } {
  const from = start === null ? recordedOn : (parsePartialDate(start)?.start ?? start);
  return { from, to: end === null ? null : knownFrom(end, [], end) };
}
