import { formatPartialDate, formatPartialDateInProse } from '../dates/format-date';
import {
  contextOn,
  HistoryContextNote,
  HistoryIssue,
  HistoryStatusPeriod,
  issuesOn,
  statusOn,
} from '../dates/front-record-days';
import { addDays, daysBetween, dayInZone, parseInstant, parsePartialDate, timeInZone } from '../dates/partial-date';
import { Confidence, CONFIDENCE_WORDING } from '../entities/confidence';
import { EVENT_KIND_INFO, EventKind } from '../entities/event-kind';
import { DEFAULT_VERIFICATION, Verification, VERIFICATION_WORDING } from '../entities/verification';
import { withoutCredentials } from '../validation/safe-url';
import type {
  Briefing,
  BriefingEvent,
  BriefingFront,
  BriefingPerson,
  BriefingQuote,
  BriefingSection,
  BriefingSource,
  DatePrecision,
  KeyTakeaway,
} from './briefing';

/*
 * Composition: plain loaded data in, the plain `Briefing` out. No database, no rendering, no clock (the caller
 * passes `now`), so it is tested and benchmarked from memory.
 *
 * Decisions:
 * - Front state as history: a section shows the status period, open issues and context notes that hold on the
 *   briefing's date (see src/dates/front-record-days.ts), never today's; before any period it says "No status
 *   recorded".
 * - Day counting: the status began on day 1. On 2025-11-15 a ceasefire since 2025-10-10 is on day 37
 *   (36 calendar days later, plus one). Days are calendar days of the briefing's date, which is already a day in
 *   the briefing's timezone, so the count never depends on the hour or the UTC offset. A status known only to the
 *   month or year gets no day count ("since December 2024"); one that begins after the briefing's date reads
 *   "from <date>" with no count. The count is given once, in the status line.
 * - The rule of time: nothing dated after the briefing's date is shown. An event with a time (`occurredAt`) falls
 *   on its calendar day in the briefing's timezone; one without on its stored day. An event known only to the
 *   month or year may have happened after the date even when its period contains it, so it is shown only once it
 *   is known to have happened (`knownOn`: its period ended, or one of its sources was published), and is worded
 *   "in November 2025, day not reported", never as news of a day.
 * - Nothing lost: every event of the date and of the 7 days before, and every month or year event that became
 *   known in that window, is shown: today's as full items, the window's of significance 3–5 as full recent
 *   items, the rest in a compact "also reported" list. Older events are background, chosen by significance (4–5,
 *   most significant first, then newest, at most `backgroundLimit` per section); what is left out is counted
 *   ("3 earlier events not shown"), from `olderEventCounts` plus the older events held here.
 * - Told once: an event is told in its primary section: its explicit `primaryFront` when that front is in the
 *   briefing, else the first in briefing order among its fronts; every other section on its fronts lists it in one
 *   line under "Also on this front" pointing there.
 * - Quotes of the day: the quotes of today's events, each in one section: the first showing its event whose front
 *   it names ("Gaza", "Iranian" for Iran), else the event's primary section.
 * - Leaders and actors: everyone linked to an event the section tells, and the speakers of its quotes, in order of
 *   first appearance.
 * - Key takeaways: first the editors' assessments of the briefing's days (dated on the date or in the 7 days
 *   before, never after; newest first, at most `takeawayLimit`), each led by its estimative term
 *   ("Assessment (likely): …", "Assessment of 12 November 2025 (unlikely): …" for an earlier day); then the day's
 *   events across all sections, most significant first, at most `takeawayLimit`. Each names all its fronts among
 *   the sections and points to the first.
 * - Sources: numbered in order of first citation as every template reads the briefing (takeaways, then each
 *   section's status line, today, recent, also reported, open issues, background notes, background events and
 *   quotes), which is also the order Markdown footnotes are numbered in. A status period, open issue or context
 *   note cites its sources like an event, one number per document. Only cited sources are listed, so every number
 *   is used.
 */

export interface ComposeLeader {
  type: 'leader';
  slug: string;
  name: string;
  office: string;
  /** Partial date; a leader whose tenure ended before the briefing's date is "former". */
  tenureEnd: string | null;
}

export interface ComposeActor {
  type: 'actor';
  slug: string;
  name: string;
  /** ActorKind, e.g. ARMED_GROUP. */
  kind: string;
}

export type ComposePerson = ComposeLeader | ComposeActor;

export interface ComposeSource {
  id: string;
  publisher: string;
  title: string;
  url: string | null;
  publishedOn: string | null;
}

export interface ComposeQuote {
  text: string;
  speaker: ComposePerson;
  sourceId: string;
  /** A Verification value; REPORTED when absent. */
  verification?: string;
}

export interface ComposeEvent {
  id: string;
  title: string;
  summary: string;
  kind: string;
  significance: number;
  /** A Verification value; REPORTED when absent. */
  verification?: string;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  dateValue: string;
  datePrecision: DatePrecision;
  /** Why the date is approximate, when an editor said it is. */
  dateNote?: string | null;
  /** ISO instant, when a time is known. */
  occurredAt: string | null;
  frontSlugs: string[];
  /** The front (one of `frontSlugs`) an editor chose to tell the event in; else the first in briefing order. */
  primaryFront?: string | null;
  leaders: ComposeLeader[];
  actors: ComposeActor[];
  /** In the event's order of citation. */
  sources: ComposeSource[];
  quotes: ComposeQuote[];
}

/** An editors' judgement on fronts, dated to a day, with its Confidence value. */
export interface ComposeAssessment {
  id: string;
  /** `YYYY-MM-DD`. */
  date: string;
  confidence: string;
  text: string;
  /** In the order given. */
  frontSlugs: string[];
  sources: ComposeSource[];
}

/** A dated front record whose sources are cited in the briefing's source list. */
export type Cited<T extends { sources: readonly unknown[] }> = Omit<T, 'sources'> & {
  sources: readonly ComposeSource[];
};

/** A front with its whole dated history; composition picks what holds on the briefing's date. */
export interface ComposeFront {
  slug: string;
  name: string;
  briefingOrder: number;
  statusPeriods: readonly Cited<HistoryStatusPeriod>[];
  issues: readonly Cited<HistoryIssue>[];
  context: readonly Cited<HistoryContextNote>[];
}

/** What a briefing says when no status period is known to have begun by its date. */
export const NO_STATUS = 'No status recorded';

export interface ComposeInput {
  /** `YYYY-MM-DD`. */
  date: string;
  /** IANA timezone, already validated. */
  timezone: string;
  /** The fronts to report on; sections follow their briefing order. */
  fronts: ComposeFront[];
  /** Candidate events (any may be left out by the rules above); duplicates by id are ignored. */
  events: ComposeEvent[];
  /** Candidate assessments; those dated after the date or before its 7-day window are left out. */
  assessments?: ComposeAssessment[];
  now: Date;
  /** Background events per section (default 10). */
  backgroundLimit?: number;
  /** Key takeaways (default 5). */
  takeawayLimit?: number;
  /**
   * Per front slug, how many older events (see `olderBounds`) the front has; what the briefing neither tells nor
   * references of them is counted as left out. Without it, only the older events in `events` are counted.
   */
  olderEventCounts?: Readonly<Record<string, number>>;
}

export const RECENT_DAYS = 7;
export const DEFAULT_BACKGROUND_LIMIT = 10;
export const DEFAULT_TAKEAWAY_LIMIT = 5;
export const BACKGROUND_MIN_SIGNIFICANCE = 4;
/** Days before the date whose assessments still lead its takeaways: the week a judgement speaks to. */
export const ASSESSMENT_DAYS = RECENT_DAYS;

const ACTOR_KIND_ROLE: Record<string, string> = {
  STATE: 'state',
  ARMED_GROUP: 'armed group',
  POLITICAL_MOVEMENT: 'political movement',
  INTERNATIONAL_ORGANISATION: 'international organisation',
  COURT: 'court',
  GOVERNMENT_OFFICE: 'government office',
  MILITARY: 'military',
  MEDIA: 'media',
  OTHER: 'organisation',
};

type Placement = 'today' | 'recent' | 'background';

interface Placed {
  event: ComposeEvent;
  placement: Placement;
  /**
   * The day the event is shown on (day events), or the day it became known (month or year events), for ordering.
   */
  day: string;
  /** `HH:mm` in the briefing's timezone, when a time is known. */
  localTime: string | null;
}

/**
 * Days either side of the window an event's stored day may lie from its day in the briefing's timezone
 * (UTC offsets span -12:00 to +14:00, so a stored day can be up to two calendar days away).
 */
export const TIMEZONE_MARGIN_DAYS = 2;

/** Significance from which an event of the previous 7 days is a full item rather than an "also reported" line. */
export const RECENT_FULL_MIN_SIGNIFICANCE = 3;

/**
 * The day an event of month or year precision is known to have happened: the day after its period ended, or the
 * earliest day one of its sources was published (not before the period began), whichever comes first.
 */
export function knownOn(event: Pick<ComposeEvent, 'dateValue' | 'sources'>): string | null {
  const period = parsePartialDate(event.dateValue);
  if (period === null) return null;
  let known = addDays(period.end, 1);
  for (const source of event.sources) {
    if (source.publishedOn === null) continue;
    const published = source.publishedOn < period.start ? period.start : source.publishedOn;
    if (published < known) known = published;
  }
  return known;
}

/**
 * Older events that the loader counts per front rather than loads (see `olderBounds`): those certainly before the
 * window in every timezone, and period events that ended before it. Composition adds the older events it holds
 * outside this set, so the count of what is left out is exact.
 */
export function olderBounds(date: string): { dayBefore: string; periodEndBefore: string } {
  return {
    dayBefore: addDays(date, -RECENT_DAYS - TIMEZONE_MARGIN_DAYS),
    periodEndBefore: addDays(date, -RECENT_DAYS - 1),
  };
}

function isCountedOlder(event: ComposeEvent, bounds: ReturnType<typeof olderBounds>): boolean {
  if (event.datePrecision === 'DAY') return event.dateValue < bounds.dayBefore;
  const period = parsePartialDate(event.dateValue);
  return period !== null && period.end < bounds.periodEndBefore;
}

/** Where an event belongs in the briefing of `date`, or null when it is not known to have happened by then. */
export function placeEvent(event: ComposeEvent, date: string, timezone: string): Placed | null {
  const windowStart = addDays(date, -RECENT_DAYS);
  if (event.datePrecision !== 'DAY') {
    const known = knownOn(event);
    if (known === null || known > date) return null;
    return { event, placement: known >= windowStart ? 'recent' : 'background', day: known, localTime: null };
  }
  const instant = event.occurredAt === null ? null : parseInstant(event.occurredAt);
  const day = instant === null ? event.dateValue : dayInZone(instant, timezone);
  const localTime = instant === null ? null : timeInZone(instant, timezone);
  if (day > date) return null;
  if (day === date) return { event, placement: 'today', day, localTime };
  if (day >= windowStart) return { event, placement: 'recent', day, localTime };
  return { event, placement: 'background', day, localTime };
}

/**
 * "Ceasefire in force since 10 October 2025 — day 37", with the day number (day 1 is the first day), for the
 * period in force on `date` (null: none recorded yet).
 */
export function statusLineFor(
  period: Pick<HistoryStatusPeriod, 'text' | 'since'> | null,
  date: string,
): { statusLine: string; statusDay: number | null } {
  if (period === null) return { statusLine: NO_STATUS, statusDay: null };
  const since = period.since === null ? null : parsePartialDate(period.since);
  if (since === null) return { statusLine: period.text, statusDay: null };
  const words = formatPartialDate(since.value);
  if (since.start > date) return { statusLine: `${period.text} from ${words}`, statusDay: null };
  if (since.precision !== 'DAY') return { statusLine: `${period.text} since ${words}`, statusDay: null };
  const statusDay = daysBetween(since.start, date) + 1;
  return { statusLine: `${period.text} since ${words} — day ${statusDay}`, statusDay };
}

/** What holds on a front on `date`: its status period, open issues and context notes. */
export function frontStateOn(
  front: ComposeFront,
  date: string,
): {
  period: Cited<HistoryStatusPeriod> | null;
  issues: Cited<HistoryIssue>[];
  notes: Cited<HistoryContextNote>[];
} {
  return {
    period: statusOn(front.statusPeriods, date),
    issues: issuesOn(front.issues, date),
    notes: contextOn(front.context, date),
  };
}

/**
 * The front as of `date`, its records' sources numbered by `cite` in reading order: the status line, then (after
 * the news, which the caller numbers in between) the open issues and the context notes.
 */
function frontOn(
  front: ComposeFront,
  state: ReturnType<typeof frontStateOn>,
  statusSourceNumbers: number[],
  cite: (sources: readonly ComposeSource[]) => number[],
): BriefingFront {
  const { period, issues, notes } = state;
  const openIssueItems = issues.map((i) => ({ text: i.text, sourceNumbers: cite(i.sources) }));
  const backgroundNotes = notes.map((n) => ({ text: n.text, sourceNumbers: cite(n.sources) }));
  return {
    slug: front.slug,
    name: front.name,
    statusKind: period?.kind ?? null,
    status: period?.text ?? null,
    statusSince: period?.since ?? null,
    statusSourceNumbers,
    background: backgroundNotes.map((n) => n.text).join('\n\n'),
    backgroundNotes,
    backgroundSourceNumbers: [...new Set(backgroundNotes.flatMap((n) => n.sourceNumbers))].sort((a, b) => a - b),
    openIssues: openIssueItems.map((i) => i.text),
    openIssueItems,
  };
}

const byTodayOrder = (a: Placed, b: Placed): number =>
  b.event.significance - a.event.significance ||
  (a.localTime ?? '99:99').localeCompare(b.localTime ?? '99:99') ||
  a.event.title.localeCompare(b.event.title) ||
  a.event.id.localeCompare(b.event.id);

const byNewest = (a: Placed, b: Placed): number =>
  Number(a.event.datePrecision !== 'DAY') - Number(b.event.datePrecision !== 'DAY') ||
  b.day.localeCompare(a.day) ||
  (b.localTime ?? '').localeCompare(a.localTime ?? '') ||
  b.event.significance - a.event.significance ||
  a.event.id.localeCompare(b.event.id);

const byBackgroundOrder = (a: Placed, b: Placed): number =>
  b.event.significance - a.event.significance || b.day.localeCompare(a.day) || a.event.id.localeCompare(b.event.id);

function personOf(person: ComposePerson, date: string): BriefingPerson {
  if (person.type === 'actor') {
    return {
      slug: person.slug,
      name: person.name,
      type: 'actor',
      role: ACTOR_KIND_ROLE[person.kind] ?? 'organisation',
    };
  }
  const ended = person.tenureEnd === null ? null : parsePartialDate(person.tenureEnd);
  const former = ended !== null && ended.end < date;
  return {
    slug: person.slug,
    name: person.name,
    type: 'leader',
    role: former ? `former ${person.office}` : person.office,
  };
}

/** Numbers sources in order of first citation. */
class SourceNumbering {
  private readonly numbers = new Map<string, number>();
  readonly list: BriefingSource[] = [];

  /**
   * `stored`: the events' sources by URL. Those are the stored documents, corrected for every citer when one cites
   * the URL anew; an assessment or a front record keeps its own copy of what it cited, which a correction does not
   * reach. So a document cited by both is listed as stored, whoever cites it first.
   */
  constructor(private readonly stored: ReadonlyMap<string, ComposeSource> = new Map()) {}

  cite(source: ComposeSource): number {
    // A URL is a document's identity (stored sources are keyed by it too), so an assessment and an event citing
    // the same page share its number.
    const key = source.url === null ? `id:${source.id}` : `url:${source.url}`;
    let number = this.numbers.get(key);
    if (number === undefined) {
      number = this.list.length + 1;
      this.numbers.set(key, number);
      const shown = (source.url === null ? undefined : this.stored.get(source.url)) ?? source;
      this.list.push({
        number,
        publisher: shown.publisher,
        title: shown.title,
        url: source.url === null ? null : withoutCredentials(source.url),
        publishedOn: shown.publishedOn,
      });
    }
    return number;
  }

  citeAll(sources: readonly ComposeSource[]): number[] {
    return [...new Set(sources.map((s) => this.cite(s)))].sort((a, b) => a - b);
  }
}

interface SectionPlan {
  front: ComposeFront;
  anchor: string;
  /** Events told in full (or in the compact list) here, their primary section. */
  today: Placed[];
  recent: Placed[];
  alsoReported: Placed[];
  background: Placed[];
  /** Events of this front told in an earlier section. */
  references: Placed[];
  /** True when any event of the window is on this front. */
  hasNews: boolean;
  backgroundOmitted: number;
}

export function sectionAnchor(slug: string): string {
  return `front-${slug}`;
}

export function omittedText(count: number): string | null {
  if (count <= 0) return null;
  return count === 1 ? '1 earlier event not shown' : `${count} earlier events not shown`;
}

export function composeBriefing(input: ComposeInput): Briefing {
  const { date, timezone } = input;
  const backgroundLimit = input.backgroundLimit ?? DEFAULT_BACKGROUND_LIMIT;
  const takeawayLimit = input.takeawayLimit ?? DEFAULT_TAKEAWAY_LIMIT;
  const bounds = olderBounds(date);

  const placed: Placed[] = [];
  const seen = new Set<string>();
  for (const event of input.events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const where = placeEvent(event, date, timezone);
    if (where !== null) placed.push(where);
  }

  const fronts = [...input.fronts].sort((a, b) => a.briefingOrder - b.briefingOrder || a.slug.localeCompare(b.slug));
  const plans: SectionPlan[] = fronts.map((front) => ({
    front,
    anchor: sectionAnchor(front.slug),
    today: [],
    recent: [],
    alsoReported: [],
    background: [],
    references: [],
    hasNews: false,
    backgroundOmitted: 0,
  }));
  const planBySlug = new Map(plans.map((plan) => [plan.front.slug, plan]));
  const rank = new Map(plans.map((plan, i) => [plan, i]));

  // Each event is told in its primary section, the first in briefing order among its fronts; the others point to it.
  const primaryOf = new Map<string, SectionPlan>();
  const showingOf = new Map<string, SectionPlan[]>();
  const backgroundCandidates = new Map<SectionPlan, Placed[]>();
  const olderHeld = new Map<SectionPlan, number>();
  for (const p of placed) {
    const showing: SectionPlan[] = [];
    for (const slug of new Set(p.event.frontSlugs)) {
      const plan = planBySlug.get(slug);
      if (plan !== undefined) showing.push(plan);
    }
    if (showing.length === 0) continue;
    showing.sort((a, b) => rank.get(a)! - rank.get(b)!);
    // An explicit primary front leads; the others keep briefing order.
    const chosen = p.event.primaryFront == null ? -1 : showing.findIndex((s) => s.front.slug === p.event.primaryFront);
    if (chosen > 0) showing.unshift(...showing.splice(chosen, 1));
    const primary = showing[0];
    primaryOf.set(p.event.id, primary);
    showingOf.set(p.event.id, showing);
    if (p.placement === 'background') {
      const counted = input.olderEventCounts !== undefined && isCountedOlder(p.event, bounds);
      for (const plan of showing) if (!counted) olderHeld.set(plan, (olderHeld.get(plan) ?? 0) + 1);
      const list = backgroundCandidates.get(primary);
      if (list === undefined) backgroundCandidates.set(primary, [p]);
      else list.push(p);
      continue;
    }
    for (const plan of showing) plan.hasNews = true;
    if (p.placement === 'today') primary.today.push(p);
    else if (p.event.significance >= RECENT_FULL_MIN_SIGNIFICANCE) primary.recent.push(p);
    else primary.alsoReported.push(p);
    for (const plan of showing.slice(1)) plan.references.push(p);
  }
  const toldInBackground = new Set<string>();
  for (const plan of plans) {
    plan.today.sort(byTodayOrder);
    plan.recent.sort(byNewest);
    plan.alsoReported.sort(byNewest);
    plan.background = (backgroundCandidates.get(plan) ?? [])
      .filter((p) => p.event.significance >= BACKGROUND_MIN_SIGNIFICANCE)
      .sort(byBackgroundOrder)
      .slice(0, backgroundLimit);
    for (const p of plan.background) toldInBackground.add(p.event.id);
  }
  const referencedOlder = new Map<SectionPlan, number>();
  for (const p of placed) {
    if (p.placement !== 'background' || !toldInBackground.has(p.event.id)) continue;
    const showing = showingOf.get(p.event.id)!;
    for (const plan of showing.slice(1)) {
      plan.references.push(p);
      referencedOlder.set(plan, (referencedOlder.get(plan) ?? 0) + 1);
    }
  }
  for (const plan of plans) {
    const held = olderHeld.get(plan) ?? 0;
    const total = (input.olderEventCounts?.[plan.front.slug] ?? 0) + held;
    const shown = plan.background.length + (referencedOlder.get(plan) ?? 0);
    plan.backgroundOmitted = Math.max(0, total - shown);
    plan.references.sort(
      (a, b) => rank.get(primaryOf.get(a.event.id)!)! - rank.get(primaryOf.get(b.event.id)!)! || byNewest(a, b),
    );
  }

  const todays = plans.flatMap((plan) => plan.today);
  const takeawayPlans = [...todays]
    .sort(byTodayOrder)
    .slice(0, takeawayLimit)
    .map((p) => ({ placed: p, plan: primaryOf.get(p.event.id)! }));

  // Number sources in reading order; each event is built once, so it carries the same numbers everywhere.
  const storedSources = new Map<string, ComposeSource>();
  for (const e of input.events)
    for (const source of e.sources) if (source.url !== null) storedSources.set(source.url, source);
  const numbering = new SourceNumbering(storedSources);
  const built = new Map<string, BriefingEvent>();
  const buildEvent = (p: Placed): BriefingEvent => {
    const existing = built.get(p.event.id);
    if (existing !== undefined) return existing;
    const e = p.event;
    const sourceNumbers = numbering.citeAll(e.sources);
    const shownDate = e.datePrecision === 'DAY' ? p.day : e.dateValue;
    const event: BriefingEvent = {
      id: e.id,
      title: e.title,
      summary: e.summary,
      kind: e.kind,
      kindLabel: EVENT_KIND_INFO[e.kind as EventKind]?.label ?? e.kind,
      significance: e.significance,
      ...verificationOf(e.verification),
      date: shownDate,
      datePrecision: e.datePrecision,
      dateText:
        e.datePrecision === 'DAY'
          ? formatPartialDateInProse(shownDate)
          : `${formatPartialDateInProse(shownDate)}, day not reported`,
      approximateDate: (e.dateNote ?? null) !== null,
      dateNote: e.dateNote ?? null,
      occurredAt: e.occurredAt,
      localTime: p.localTime,
      frontSlugs: [...e.frontSlugs],
      leaders: e.leaders.map((l) => personOf(l, date)),
      actors: e.actors.map((a) => personOf(a, date)),
      quotes: [],
      sourceNumbers,
    };
    // Quote numbers are taken when the section lists its quotes, after every event it shows.
    built.set(e.id, event);
    return event;
  };

  // Each quote of the day goes to one section: the first showing its event whose front it names, else the primary.
  const frontNamePatterns = new Map<string, RegExp>();
  const namesFront = (quote: ComposeQuote, plan: SectionPlan): boolean => {
    let pattern = frontNamePatterns.get(plan.front.name);
    if (pattern === undefined) {
      pattern = new RegExp(`(^|[^\\p{L}])${escapeRegExp(plan.front.name)}`, 'iu');
      frontNamePatterns.set(plan.front.name, pattern);
    }
    return pattern.test(quote.text);
  };
  const quotesBySection = new Map<SectionPlan, { p: Placed; index: number }[]>();
  for (const plan of plans) {
    for (const p of plan.today) {
      const showing = showingOf.get(p.event.id)!;
      p.event.quotes.forEach((quote, index) => {
        const target = showing.find((s) => namesFront(quote, s)) ?? plan;
        const list = quotesBySection.get(target);
        if (list === undefined) quotesBySection.set(target, [{ p, index }]);
        else list.push({ p, index });
      });
    }
  }

  const assessmentTakeaways: KeyTakeaway[] = dayAssessments(input.assessments ?? [], date, planBySlug, rank)
    .slice(0, takeawayLimit)
    .map(({ assessment, showing }) => {
      const confidence = assessment.confidence as Confidence;
      const term = CONFIDENCE_WORDING[confidence]?.term ?? assessment.confidence.toLowerCase();
      const made = assessment.date === date ? '' : ` of ${formatPartialDate(assessment.date)}`;
      return {
        kind: 'ASSESSMENT',
        text: `Assessment${made} (${term}): ${assessment.text}`,
        eventId: null,
        assessmentId: assessment.id,
        confidence: assessment.confidence,
        confidenceTerm: term,
        significance: null,
        verificationNote: null,
        sectionAnchor: showing[0].anchor,
        frontName: showing[0].front.name,
        frontNames: showing.map((s) => s.front.name),
        sourceNumbers: numbering.citeAll(assessment.sources),
      };
    });

  const eventTakeaways: KeyTakeaway[] = takeawayPlans.map(({ placed: p, plan }) => {
    const event = buildEvent(p);
    return {
      kind: 'EVENT',
      text: event.title,
      eventId: event.id,
      assessmentId: null,
      confidence: null,
      confidenceTerm: null,
      significance: event.significance,
      verificationNote: event.verificationNote,
      sectionAnchor: plan.anchor,
      frontName: plan.front.name,
      frontNames: showingOf.get(p.event.id)!.map((s) => s.front.name),
      sourceNumbers: event.sourceNumbers,
    };
  });
  const keyTakeaways = [...assessmentTakeaways, ...eventTakeaways];

  const sections: BriefingSection[] = plans.map((plan) => {
    // Numbered as every format reads a section: status line, news, open issues, background notes, older events.
    const state = frontStateOn(plan.front, date);
    const statusSourceNumbers = numbering.citeAll(state.period?.sources ?? []);
    const today = plan.today.map(buildEvent);
    const recent = plan.recent.map(buildEvent);
    const alsoReported = plan.alsoReported.map(buildEvent);
    const front = frontOn(plan.front, state, statusSourceNumbers, (sources) => numbering.citeAll(sources));
    const background = plan.background.map(buildEvent);
    const quotes = (quotesBySection.get(plan) ?? []).map(({ p, index }): BriefingQuote => {
      const q = p.event.quotes[index];
      return {
        text: q.text,
        speaker: personOf(q.speaker, date),
        sourceNumbers: [numbering.cite(sourceOf(p.event, q))],
        eventId: p.event.id,
        ...verificationOf(q.verification),
      };
    });
    const people = new Map<string, BriefingPerson>();
    for (const event of [...today, ...recent, ...alsoReported, ...background]) {
      for (const person of [...event.leaders, ...event.actors])
        if (!people.has(`${person.type}:${person.slug}`)) people.set(`${person.type}:${person.slug}`, person);
    }
    for (const quote of quotes)
      if (!people.has(`${quote.speaker.type}:${quote.speaker.slug}`))
        people.set(`${quote.speaker.type}:${quote.speaker.slug}`, quote.speaker);
    const everyone = [...people.values()];
    return {
      anchor: plan.anchor,
      front,
      ...statusLineFor(state.period, date),
      hasNews: plan.hasNews,
      today,
      recent,
      alsoReported,
      alsoOnThisFront: plan.references.map((p) => {
        const primary = primaryOf.get(p.event.id)!;
        return {
          eventId: p.event.id,
          title: p.event.title,
          dateText: buildEvent(p).dateText,
          sectionAnchor: primary.anchor,
          frontName: primary.front.name,
        };
      }),
      background,
      backgroundOmitted: plan.backgroundOmitted,
      backgroundOmittedText: omittedText(plan.backgroundOmitted),
      leaders: everyone.filter((p) => p.type === 'leader'),
      actors: everyone.filter((p) => p.type === 'actor'),
      quotes,
    };
  });

  return {
    date,
    timezone,
    title: `Daily briefing — ${formatPartialDate(date)}`,
    generatedAt: input.now.toISOString(),
    keyTakeaways,
    sections,
    sources: numbering.list,
  };
}

/**
 * The assessments that lead the takeaways of `date`: dated on it or in the ASSESSMENT_DAYS before (never after), on
 * at least one of the sections' fronts; newest first, ties by id. Each with its sections in briefing order.
 */
function dayAssessments(
  assessments: readonly ComposeAssessment[],
  date: string,
  planBySlug: ReadonlyMap<string, SectionPlan>,
  rank: ReadonlyMap<SectionPlan, number>,
): { assessment: ComposeAssessment; showing: SectionPlan[] }[] {
  const from = addDays(date, -ASSESSMENT_DAYS);
  const seen = new Set<string>();
  const chosen: { assessment: ComposeAssessment; showing: SectionPlan[] }[] = [];
  for (const assessment of assessments) {
    if (seen.has(assessment.id) || assessment.date > date || assessment.date < from) continue;
    seen.add(assessment.id);
    const showing = [...new Set(assessment.frontSlugs)]
      .map((slug) => planBySlug.get(slug))
      .filter((plan): plan is SectionPlan => plan !== undefined)
      .sort((a, b) => rank.get(a)! - rank.get(b)!);
    if (showing.length > 0) chosen.push({ assessment, showing });
  }
  return chosen.sort(
    (a, b) => b.assessment.date.localeCompare(a.assessment.date) || a.assessment.id.localeCompare(b.assessment.id),
  );
}

/** A stored verification and the note every format prints with it (none for a plain report). */
function verificationOf(value: string | undefined): { verification: string; verificationNote: string | null } {
  const verification = value ?? DEFAULT_VERIFICATION;
  return { verification, verificationNote: VERIFICATION_WORDING[verification as Verification]?.note ?? null };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The source a quote cites: one of its event's sources (the loader guarantees it; a stray id is kept as is). */
function sourceOf(event: ComposeEvent, quote: ComposeQuote): ComposeSource {
  return (
    event.sources.find((s) => s.id === quote.sourceId) ?? {
      id: quote.sourceId,
      publisher: 'Unknown source',
      title: '',
      url: null,
      publishedOn: null,
    }
  );
}
