/*
 * The plain briefing object: what composition produces and every renderer consumes.
 * It holds no database types, so rendering can be tested and benchmarked from memory.
 * Dates are ISO strings (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when imprecise); instants are ISO 8601.
 */

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

/** One entry of the briefing's numbered source list; numbers start at 1 and are all used. */
export interface BriefingSource {
  number: number;
  publisher: string;
  title: string;
  url: string | null;
  /** `YYYY-MM-DD`, or null when unknown. */
  publishedOn: string | null;
}

export interface BriefingPerson {
  slug: string;
  name: string;
  /** "leader" for a person holding an office, "actor" for an organisation or group. */
  type: 'leader' | 'actor';
  /** The office for a leader ("President of Russia"), the kind for an actor ("armed group"). */
  role: string;
}

export interface BriefingQuote {
  text: string;
  speaker: BriefingPerson;
  /** Numbers in `Briefing.sources`. */
  sourceNumbers: number[];
  eventId: string;
  /** CONFIRMED, REPORTED, CLAIMED or UNVERIFIED: how well it is established that the words were said. */
  verification: string;
  /** What every format prints with the quote ("claimed; not independently verified"); null for a plain report. */
  verificationNote: string | null;
}

export interface BriefingEvent {
  id: string;
  title: string;
  summary: string;
  /** Taxonomy value, e.g. DIPLOMATIC_CALL, CEASEFIRE, STRIKE. */
  kind: string;
  /** Human label of the kind, e.g. "Diplomatic call". */
  kindLabel: string;
  significance: number;
  /** CONFIRMED, REPORTED, CLAIMED or UNVERIFIED: how well the event is established. */
  verification: string;
  /** What every format prints with the event ("claimed; not independently verified"); null for a plain report. */
  verificationNote: string | null;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, by precision. */
  date: string;
  datePrecision: DatePrecision;
  /** Honest prose date: "on 15 November 2025", "in December 2024", "in 2024". */
  dateText: string;
  /** True when an editor noted the date is approximate: every format marks it "approximate date". */
  approximateDate: boolean;
  /** Why the date is approximate, when it is. */
  dateNote: string | null;
  /** The instant, when a time is known. */
  occurredAt: string | null;
  /** "23:30" in the briefing's timezone, when a time is known. */
  localTime: string | null;
  frontSlugs: string[];
  leaders: BriefingPerson[];
  actors: BriefingPerson[];
  quotes: BriefingQuote[];
  sourceNumbers: number[];
}

export interface BriefingFront {
  slug: string;
  name: string;
  /** Of the status period in force on the briefing's date: e.g. CEASEFIRE, ACTIVE_CONFLICT; null before any. */
  statusKind: string | null;
  /** e.g. "Ceasefire in force"; null before any period (the status line says "No status recorded"). */
  status: string | null;
  /** `YYYY-MM-DD` (or less precise) the period began, when known. */
  statusSince: string | null;
  /** Numbers in `Briefing.sources` of what the status period rests on; empty before any period. */
  statusSourceNumbers: number[];
  /** The context notes that hold on the date, one paragraph each (blank-line separated); empty when none. */
  background: string;
  /** The same notes one by one, each with its source numbers: what every format prints. */
  backgroundNotes: BriefingCitedText[];
  /** Every number the notes cite, ascending. */
  backgroundSourceNumbers: number[];
  /** The issues open on the date, oldest first. */
  openIssues: string[];
  /** The same issues, each with its source numbers: what every format prints. */
  openIssueItems: BriefingCitedText[];
}

/** A line of front state (an open issue, a context note) with the numbers of the sources it rests on. */
export interface BriefingCitedText {
  text: string;
  /** Numbers in `Briefing.sources`. */
  sourceNumbers: number[];
}

/** A one-line pointer to an event told in full in another section ("Also on this front: … — see Gaza"). */
export interface BriefingReference {
  eventId: string;
  title: string;
  /** The event's prose date, as in its full item. */
  dateText: string;
  /** Anchor and front name of the section that tells it. */
  sectionAnchor: string;
  frontName: string;
}

export interface BriefingSection {
  /** HTML id / Markdown anchor for the section, e.g. "front-gaza". */
  anchor: string;
  front: BriefingFront;
  /** "Ceasefire in force since 10 October 2025 — day 37". */
  statusLine: string;
  /** Days since the status began, counted in the briefing's timezone (day 1 is the first day); null when unknown. */
  statusDay: number | null;
  /** False when the front has no events on the date or in the previous 7 days. */
  hasNews: boolean;
  /** Events of the briefing's date told in this section (their primary one), most significant first. */
  today: BriefingEvent[];
  /**
   * Significant events (3–5) of the previous 7 days told here, newest first, then events of month or year precision
   * that became known in that window.
   */
  recent: BriefingEvent[];
  /** The window's less significant events (1–2) told here, in one compact line each, newest first. */
  alsoReported: BriefingEvent[];
  /** Events of this front told in full in another section (their primary one), in briefing order of that section. */
  alsoOnThisFront: BriefingReference[];
  /** Older events told here, most significant first (then newest), at most the background limit. */
  background: BriefingEvent[];
  /** Older events of this front known by the date that are neither told nor referenced here. */
  backgroundOmitted: number;
  /** "3 earlier events not shown", or null when none is left out. */
  backgroundOmittedText: string | null;
  leaders: BriefingPerson[];
  actors: BriefingPerson[];
  /** Quotes from today's events. */
  quotes: BriefingQuote[];
}

/**
 * A line of the key takeaways: an editors' assessment (which lead) or one of the day's most significant events.
 */
export interface KeyTakeaway {
  kind: 'ASSESSMENT' | 'EVENT';
  /** The event's title; for an assessment its judgement led by its estimative term ("Assessment (likely): …"). */
  text: string;
  /** The event it summarises; null for an assessment. */
  eventId: string | null;
  /** The assessment it states; null for an event. */
  assessmentId: string | null;
  /** The assessment's Confidence value (e.g. LIKELY) and its estimative term ("likely"); null for an event. */
  confidence: string | null;
  confidenceTerm: string | null;
  /** The event's significance (1–5); null for an assessment. */
  significance: number | null;
  /** The event's verification note ("claimed; not independently verified"); null for a plain report or an assessment. */
  verificationNote: string | null;
  /** Anchor of the section that tells the story (an event's primary front, else the first of its fronts in briefing order). */
  sectionAnchor: string;
  frontName: string;
  /** Every front of the event or assessment among the briefing's sections: `frontName` first, the others in briefing order. */
  frontNames: string[];
  sourceNumbers: number[];
}

/** One field of an event that a correction changed, with its values before and after as readers see them. */
export interface BriefingFieldChange {
  /** The event field, e.g. "title", "date", "sources". */
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/**
 * A correction or retraction, in an edition, of an event an earlier edition of its series showed: what changed and
 * why (the revision's reason), so readers of the earlier edition learn what it got wrong.
 */
export interface BriefingCorrection {
  eventId: string;
  action: 'CORRECTED' | 'RETRACTED';
  /** True for a retraction (templates test it, having no comparison helper). */
  retracted: boolean;
  /** The number of the edition that first showed the event as it was before. */
  edition: number;
  /** The title that edition showed. */
  title: string;
  changes: BriefingFieldChange[];
  /** The reason given with the newest revision that changed it; null when none was given. */
  reason: string | null;
  /** ISO 8601 instant of that revision. */
  at: string;
}

export interface Briefing {
  /** `YYYY-MM-DD`. */
  date: string;
  /** IANA timezone, e.g. "UTC" or "Asia/Jerusalem". */
  timezone: string;
  /** "Daily briefing — 15 November 2025". */
  title: string;
  /** ISO 8601 instant. */
  generatedAt: string;
  keyTakeaways: KeyTakeaway[];
  sections: BriefingSection[];
  sources: BriefingSource[];
  /**
   * Corrections to the previous edition (editions only): absent or empty in a briefing composed on request. Each
   * template prints them in a "Corrections" block.
   */
  corrections?: BriefingCorrection[];
}
