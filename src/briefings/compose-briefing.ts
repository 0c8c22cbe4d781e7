import { formatPartialDate, formatPartialDateInProse } from '../dates/format-date';
import { addDays, daysBetween, dayInZone, parseInstant, parsePartialDate, timeInZone } from '../dates/partial-date';
import { EVENT_KIND_INFO, EventKind } from '../entities/event-kind';
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
 * - Day counting: the status began on day 1. On 2025-11-15 a ceasefire since 2025-10-10 is on day 37
 *   (36 calendar days later, plus one). Days are calendar days of the briefing's date, which is already a day in
 *   the briefing's timezone, so the count never depends on the hour or the UTC offset. A status known only to the
 *   month or year gets no day count ("since December 2024"); one that begins after the briefing's date reads
 *   "from <date>" with no count.
 * - Where an event falls: an event with a time (`occurredAt`) falls on its calendar day in the briefing's timezone;
 *   an event without one on its stored day. Events known only to the month or year are never events of the day
 *   or recent developments: they can only be background.
 * - Today: events on the briefing's date, most significant first (then by time, untimed last, then title).
 * - Recent developments: day events of the 7 previous days, newest first.
 * - Background: events of significance 4–5 that began on or before the briefing's date and are older than the
 *   recent window (or imprecise), newest first, at most `backgroundLimit` per front; the front's own background
 *   text and open issues travel in `front`.
 * - Quotes of the day: the quotes of the section's events of the day that name its front; a quote naming none of
 *   the fronts showing its event goes to the first of them (see `quoteSections`).
 * - Leaders and actors: everyone linked to an event the section shows, and the speakers of its quotes, in order of
 *   first appearance.
 * - Key takeaways: the day's events across all sections, most significant first, at most `takeawayLimit`, each
 *   pointing to the first section (in briefing order) that shows it.
 * - Sources: numbered in order of first citation as every template reads the briefing (takeaways, then each
 *   section's today, recent, background and quotes), which is also the order Markdown footnotes are numbered in.
 *   Only cited sources are listed, so every number is used.
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
}

export interface ComposeEvent {
  id: string;
  title: string;
  summary: string;
  kind: string;
  significance: number;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  dateValue: string;
  datePrecision: DatePrecision;
  /** ISO instant, when a time is known. */
  occurredAt: string | null;
  frontSlugs: string[];
  leaders: ComposeLeader[];
  actors: ComposeActor[];
  /** In the event's order of citation. */
  sources: ComposeSource[];
  quotes: ComposeQuote[];
}

export interface ComposeFront extends BriefingFront {
  briefingOrder: number;
}

export interface ComposeInput {
  /** `YYYY-MM-DD`. */
  date: string;
  /** IANA timezone, already validated. */
  timezone: string;
  /** The fronts to report on; sections follow their briefing order. */
  fronts: ComposeFront[];
  /** Candidate events (any may be left out by the rules above); duplicates by id are ignored. */
  events: ComposeEvent[];
  now: Date;
  /** Background events per section (default 10). */
  backgroundLimit?: number;
  /** Key takeaways (default 5). */
  takeawayLimit?: number;
}

export const RECENT_DAYS = 7;
export const DEFAULT_BACKGROUND_LIMIT = 10;
export const DEFAULT_TAKEAWAY_LIMIT = 5;
export const BACKGROUND_MIN_SIGNIFICANCE = 4;

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
  /** The day the event is shown on (day events), or the first day of its period (imprecise ones). */
  day: string;
  /** `HH:mm` in the briefing's timezone, when a time is known. */
  localTime: string | null;
}

/** Where an event belongs in the briefing of `date`, or null when it belongs nowhere. */
export function placeEvent(event: ComposeEvent, date: string, timezone: string): Placed | null {
  if (event.datePrecision !== 'DAY') {
    const period = parsePartialDate(event.dateValue);
    if (period === null || period.start > date || event.significance < BACKGROUND_MIN_SIGNIFICANCE) return null;
    return { event, placement: 'background', day: period.start, localTime: null };
  }
  const instant = event.occurredAt === null ? null : parseInstant(event.occurredAt);
  const day = instant === null ? event.dateValue : dayInZone(instant, timezone);
  const localTime = instant === null ? null : timeInZone(instant, timezone);
  if (day > date) return null;
  if (day === date) return { event, placement: 'today', day, localTime };
  if (day >= addDays(date, -RECENT_DAYS)) return { event, placement: 'recent', day, localTime };
  if (event.significance < BACKGROUND_MIN_SIGNIFICANCE) return null;
  return { event, placement: 'background', day, localTime };
}

/** "Ceasefire in force since 10 October 2025 — day 37", with the day number (day 1 is the first day). */
export function statusLineFor(
  front: Pick<BriefingFront, 'status' | 'statusSince'>,
  date: string,
): { statusLine: string; statusDay: number | null } {
  const since = front.statusSince === null ? null : parsePartialDate(front.statusSince);
  if (since === null) return { statusLine: front.status, statusDay: null };
  const words = formatPartialDate(since.value);
  if (since.start > date) return { statusLine: `${front.status} from ${words}`, statusDay: null };
  if (since.precision !== 'DAY') return { statusLine: `${front.status} since ${words}`, statusDay: null };
  const statusDay = daysBetween(since.start, date) + 1;
  return { statusLine: `${front.status} since ${words} — day ${statusDay}`, statusDay };
}

const byTodayOrder = (a: Placed, b: Placed): number =>
  b.event.significance - a.event.significance ||
  (a.localTime ?? '99:99').localeCompare(b.localTime ?? '99:99') ||
  a.event.title.localeCompare(b.event.title) ||
  a.event.id.localeCompare(b.event.id);

const byNewest = (a: Placed, b: Placed): number =>
  b.day.localeCompare(a.day) ||
  (b.localTime ?? '').localeCompare(a.localTime ?? '') ||
  b.event.significance - a.event.significance ||
  a.event.id.localeCompare(b.event.id);

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

  cite(source: ComposeSource): number {
    let number = this.numbers.get(source.id);
    if (number === undefined) {
      number = this.list.length + 1;
      this.numbers.set(source.id, number);
      this.list.push({
        number,
        publisher: source.publisher,
        title: source.title,
        url: source.url === null ? null : withoutCredentials(source.url),
        publishedOn: source.publishedOn,
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
  today: Placed[];
  recent: Placed[];
  background: Placed[];
}

export function sectionAnchor(slug: string): string {
  return `front-${slug}`;
}

export function composeBriefing(input: ComposeInput): Briefing {
  const { date, timezone } = input;
  const backgroundLimit = input.backgroundLimit ?? DEFAULT_BACKGROUND_LIMIT;
  const takeawayLimit = input.takeawayLimit ?? DEFAULT_TAKEAWAY_LIMIT;

  const placed: Placed[] = [];
  const seen = new Set<string>();
  for (const event of input.events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const where = placeEvent(event, date, timezone);
    if (where !== null) placed.push(where);
  }

  // Events indexed by front once, so each section reads only its own events (not every event once per front).
  const byFront = new Map<string, Placed[]>();
  for (const p of placed) {
    for (const slug of new Set(p.event.frontSlugs)) {
      const list = byFront.get(slug);
      if (list === undefined) byFront.set(slug, [p]);
      else list.push(p);
    }
  }
  const fronts = [...input.fronts].sort((a, b) => a.briefingOrder - b.briefingOrder || a.slug.localeCompare(b.slug));
  const plans: SectionPlan[] = fronts.map((front) => {
    const mine = byFront.get(front.slug) ?? [];
    return {
      front,
      anchor: sectionAnchor(front.slug),
      today: mine.filter((p) => p.placement === 'today').sort(byTodayOrder),
      recent: mine.filter((p) => p.placement === 'recent').sort(byNewest),
      background: mine
        .filter((p) => p.placement === 'background')
        .sort(byNewest)
        .slice(0, backgroundLimit),
    };
  });

  // The sections showing each event of the day, in briefing order (the first is where its takeaway points).
  const showingToday = new Map<string, SectionPlan[]>();
  const todays: Placed[] = [];
  for (const plan of plans) {
    for (const p of plan.today) {
      const showing = showingToday.get(p.event.id);
      if (showing === undefined) {
        showingToday.set(p.event.id, [plan]);
        todays.push(p);
      } else {
        showing.push(plan);
      }
    }
  }
  const takeawayPlans = todays
    .sort(byTodayOrder)
    .slice(0, takeawayLimit)
    .map((p) => ({ placed: p, plan: showingToday.get(p.event.id)![0] }));

  // Number sources in reading order; each event is built once, so it carries the same numbers everywhere.
  const numbering = new SourceNumbering();
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
      date: shownDate,
      datePrecision: e.datePrecision,
      dateText: formatPartialDateInProse(shownDate),
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
  const quotesOf = (p: Placed): BriefingQuote[] => {
    const event = built.get(p.event.id)!;
    if (event.quotes.length !== p.event.quotes.length) {
      event.quotes = p.event.quotes.map((q) => ({
        text: q.text,
        speaker: personOf(q.speaker, date),
        sourceNumbers: [numbering.cite(sourceOf(p.event, q))],
        eventId: p.event.id,
      }));
    }
    return event.quotes;
  };

  // Which sections each quote of the day goes to, worked out once per event rather than once per section.
  const frontNamePatterns = new Map<string, RegExp>();
  const namesFront = (quote: ComposeQuote, plan: SectionPlan): boolean => {
    let pattern = frontNamePatterns.get(plan.front.name);
    if (pattern === undefined) {
      pattern = new RegExp(`(^|[^\\p{L}])${escapeRegExp(plan.front.name)}`, 'iu');
      frontNamePatterns.set(plan.front.name, pattern);
    }
    return pattern.test(quote.text);
  };
  const quoteTargets = new Map<string, Set<SectionPlan>[]>();
  const quoteTargetsOf = (p: Placed): Set<SectionPlan>[] => {
    let targets = quoteTargets.get(p.event.id);
    if (targets === undefined) {
      const showing = showingToday.get(p.event.id) ?? [];
      targets = p.event.quotes.map((quote) => new Set(quoteSections(quote, showing, namesFront)));
      quoteTargets.set(p.event.id, targets);
    }
    return targets;
  };

  const keyTakeaways: KeyTakeaway[] = takeawayPlans.map(({ placed: p, plan }) => {
    const event = buildEvent(p);
    return {
      text: event.title,
      eventId: event.id,
      significance: event.significance,
      sectionAnchor: plan.anchor,
      frontName: plan.front.name,
      sourceNumbers: event.sourceNumbers,
    };
  });

  const sections: BriefingSection[] = plans.map((plan) => {
    const today = plan.today.map(buildEvent);
    const recent = plan.recent.map(buildEvent);
    const background = plan.background.map(buildEvent);
    const quotes = plan.today.flatMap((p) => {
      const all = quotesOf(p);
      const targets = quoteTargetsOf(p);
      return all.filter((_, i) => targets[i].has(plan));
    });
    const people = new Map<string, BriefingPerson>();
    for (const event of [...today, ...recent, ...background]) {
      for (const person of [...event.leaders, ...event.actors])
        if (!people.has(`${person.type}:${person.slug}`)) people.set(`${person.type}:${person.slug}`, person);
    }
    for (const quote of quotes)
      if (!people.has(`${quote.speaker.type}:${quote.speaker.slug}`))
        people.set(`${quote.speaker.type}:${quote.speaker.slug}`, quote.speaker);
    const everyone = [...people.values()];
    const { briefingOrder: _order, ...front } = plan.front;
    return {
      anchor: plan.anchor,
      front: { ...front, openIssues: [...front.openIssues] },
      ...statusLineFor(front, date),
      hasNews: today.length + recent.length > 0,
      today,
      recent,
      background,
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
 * The sections a quote of the day belongs to, among those showing its event: the ones whose front it names
 * ("Gaza", "Iranian" for Iran), or the first one when it names none, so that a call about three fronts does not
 * repeat every quote three times.
 */
function quoteSections(
  quote: ComposeQuote,
  showing: SectionPlan[],
  names: (quote: ComposeQuote, plan: SectionPlan) => boolean,
): SectionPlan[] {
  const named = showing.filter((plan) => names(quote, plan));
  return named.length > 0 ? named : showing.slice(0, 1);
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
