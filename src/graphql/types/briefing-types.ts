import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type {
  BriefingCitedText,
  BriefingEvent,
  BriefingFront,
  BriefingPerson,
  BriefingQuote,
  BriefingReference,
  BriefingSection,
  BriefingSource,
  DatePrecision,
  KeyTakeaway,
} from '../../briefings/briefing';
import type { ComposedBriefing, NormalizedBriefingRequest } from '../../briefings/briefing-service';
import { Confidence } from '../../entities/confidence';
import { EventKind } from '../../entities/event-kind';
import { FrontStatusKind } from '../../entities/front';
import { Verification } from '../../entities/verification';
import { FORMAT_PROFILES, RENDER_FORMATS, RenderFormat } from '../../output/formats/formats';
import { PAPER_SIZES, PaperSize } from '../../output/pdf';
import { DateScalar } from '../scalars/date-scalar';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import { PartialDateScalar } from '../scalars/partial-date-scalar';
import { DatePrecisionEnum } from './date-precision';

/* GraphQL object types mirroring the plain Briefing of src/briefings/briefing.ts, field for field. */

/** The GraphQL enum of the output formats, from their table (same values, descriptions and order). */
export const BriefingFormat = Object.fromEntries(RENDER_FORMATS.map((format) => [format, format])) as {
  readonly [F in RenderFormat]: F;
};
export type BriefingFormat = RenderFormat;
registerEnumType(BriefingFormat, {
  name: 'BriefingFormat',
  description: 'An output format of a rendered briefing.',
  valuesConfig: Object.fromEntries(
    RENDER_FORMATS.map((format) => [format, { description: FORMAT_PROFILES[format].description }]),
  ),
});

/** The GraphQL enum of the PDF paper sizes (the downloads take the same names in lower case: `paper=a4`). */
export const PaperSizeEnum = Object.fromEntries(PAPER_SIZES.map((size) => [size, size])) as {
  readonly [P in PaperSize]: P;
};
registerEnumType(PaperSizeEnum, {
  name: 'PaperSize',
  description: 'The paper a PDF is laid out on.',
  valuesConfig: {
    A4: { description: 'ISO A4, 210 × 297 mm (the default).' },
    LETTER: { description: 'US Letter, 8.5 × 11 in.' },
  },
});

export enum BodyEncoding {
  UTF8 = 'UTF8',
  BASE64 = 'BASE64',
}
registerEnumType(BodyEncoding, {
  name: 'BodyEncoding',
  description: 'How `RenderedBriefing.body` carries the document.',
  valuesConfig: {
    UTF8: { description: 'The body is the document itself, as text.' },
    BASE64: { description: 'The body is the binary document (PDF), base64-encoded.' },
  },
});

export enum BriefingPersonType {
  LEADER = 'leader',
  ACTOR = 'actor',
}
registerEnumType(BriefingPersonType, {
  name: 'BriefingPersonType',
  description: 'A leader (a person in office) or an actor (an organisation or group).',
  valuesConfig: {
    LEADER: { description: 'A person; see `Query.leader(slug:)`.' },
    ACTOR: { description: 'An organisation or group; see `Query.actor(slug:)`.' },
  },
});

export enum BriefingChangeAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(BriefingChangeAction, {
  name: 'ChangeAction',
  description: 'What happened to an event.',
  valuesConfig: {
    CREATED: { description: 'The event was recorded.' },
    UPDATED: { description: 'The event was edited.' },
    DELETED: { description: 'The event was deleted.' },
  },
});

@ObjectType('BriefingSource', {
  description: "An entry of the briefing's numbered source list; numbers start at 1 and every one is cited.",
})
export class BriefingSourceObject implements BriefingSource {
  @Field(() => Int, { description: 'The number the briefing cites it by, from 1.' })
  number: number;

  @Field({ description: 'Who published it, e.g. "Reuters".' })
  publisher: string;

  @Field({ description: 'The headline or title of the document.' })
  title: string;

  @Field(() => String, { description: 'Where the document can be read, when it is online.', nullable: true })
  url: string | null;

  @Field(() => DateScalar, { description: 'The day it was published, when known.', nullable: true })
  publishedOn: string | null;
}

@ObjectType('BriefingPerson', { description: 'A leader or an actor as a briefing names them.' })
export class BriefingPersonObject implements BriefingPerson {
  @Field({ description: "The leader's or actor's slug." })
  slug: string;

  @Field({ description: 'Display name.' })
  name: string;

  @Field(() => BriefingPersonType, { description: 'Whether this is a leader or an actor.' })
  type: BriefingPerson['type'];

  @Field({
    description:
      'The office of a leader ("President of Russia", "former President of Syria"), the kind of an actor ("armed group").',
  })
  role: string;
}

@ObjectType('BriefingQuote', { description: 'A quote of the day with its speaker and its source numbers.' })
export class BriefingQuoteObject implements BriefingQuote {
  @Field({ description: 'The exact quoted text.' })
  text: string;

  @Field(() => BriefingPersonObject, { description: 'Who said it.' })
  speaker: BriefingPersonObject;

  @Field(() => [Int], { description: 'Numbers in `Briefing.sources`.' })
  sourceNumbers: number[];

  @Field(() => ID, { description: 'The event the quote belongs to.' })
  eventId: string;

  @Field(() => Verification, { description: 'How well it is established that the words were said.' })
  verification: string;

  @Field(() => String, {
    nullable: true,
    description: 'What every format prints with it ("claimed; not independently verified"); null for a plain report.',
  })
  verificationNote: string | null;
}

@ObjectType('BriefingEvent', {
  description: "An event as a briefing tells it, with its date in the briefing's timezone.",
})
export class BriefingEventObject implements Omit<BriefingEvent, 'id'> {
  @Field(() => ID, {
    description:
      'Opaque id of the event as this briefing tells it (its date, fronts and timezone included), so a client cache keeps briefings apart; the event itself is `eventId`.',
  })
  id: string;

  @Field(() => ID, { description: "The event's own id, as in `Query.event(id:)`." })
  eventId: string;

  @Field({ description: 'One-line headline.' })
  title: string;

  @Field({ description: 'What happened, in a few sentences.' })
  summary: string;

  @Field(() => EventKind, { description: 'Where the event sits in the taxonomy.' })
  kind: string;

  @Field({ description: 'Human label of the kind, e.g. "Diplomatic call".' })
  kindLabel: string;

  @Field(() => Int, { description: '1 (minor) to 5 (historic).' })
  significance: number;

  @Field(() => Verification, { description: 'How well the event is established.' })
  verification: string;

  @Field(() => String, {
    nullable: true,
    description:
      'What every format prints with the event ("claimed; not independently verified", "confirmed"); null for a plain report.',
  })
  verificationNote: string | null;

  @Field(() => PartialDateScalar, {
    description: "The day in the briefing's timezone, or the month or year when that is all that is known.",
  })
  date: string;

  @Field(() => DatePrecisionEnum, { description: 'How precisely `date` is known.' })
  datePrecision: DatePrecision;

  @Field({ description: 'Honest prose date: "on 15 November 2025", "in December 2024", "in 2024".' })
  dateText: string;

  @Field({ description: 'Whether an editor noted the date is approximate: every format marks it "approximate date".' })
  approximateDate: boolean;

  @Field(() => String, { nullable: true, description: 'Why the date is approximate, when it is.' })
  dateNote: string | null;

  @Field(() => DateTimeScalar, { description: 'The instant, when the time is known.', nullable: true })
  occurredAt: string | null;

  @Field(() => String, { nullable: true, description: '"23:30" in the briefing\'s timezone, when a time is known.' })
  localTime: string | null;

  @Field(() => [String], { description: 'Slugs of the fronts the event concerns.' })
  frontSlugs: string[];

  @Field(() => [BriefingPersonObject], { description: 'Leaders the event concerns.' })
  leaders: BriefingPersonObject[];

  @Field(() => [BriefingPersonObject], { description: 'Actors the event concerns.' })
  actors: BriefingPersonObject[];

  @Field(() => [BriefingQuoteObject], { description: 'Quotes carried by the event.' })
  quotes: BriefingQuoteObject[];

  @Field(() => [Int], { description: 'Numbers in `Briefing.sources`.' })
  sourceNumbers: number[];
}

@ObjectType('BriefingCitedText', {
  description: 'A line of front state (an open issue, a background note) with the sources it rests on.',
})
export class BriefingCitedTextObject implements BriefingCitedText {
  @Field({ description: 'The wording every format prints.' })
  text: string;

  @Field(() => [Int], { description: 'Numbers in `Briefing.sources`, ascending; every format prints them.' })
  sourceNumbers: number[];
}

@ObjectType('BriefingFront', { description: 'A front as of the briefing: its status, background and open issues.' })
export class BriefingFrontObject implements BriefingFront {
  @Field({ description: "The front's slug." })
  slug: string;

  @Field({ description: 'Display name.' })
  name: string;

  @Field(() => FrontStatusKind, {
    description: "The state of the status period in force on the briefing's date; null before any was recorded.",
    nullable: true,
  })
  statusKind: string | null;

  @Field(() => String, {
    description:
      'That period in words, e.g. "Ceasefire in force"; null before any period (`statusLine` then reads "No status recorded").',
    nullable: true,
  })
  status: string | null;

  @Field(() => PartialDateScalar, { description: 'When that period began.', nullable: true })
  statusSince: string | null;

  @Field(() => [Int], {
    description:
      'Numbers in `Briefing.sources` of the sources that period rests on, ascending; every format prints them after the status line. Empty before any period.',
  })
  statusSourceNumbers: number[];

  @Field({ description: "The context notes that hold on the briefing's date, one paragraph each; empty when none." })
  background: string;

  @Field(() => [BriefingCitedTextObject], {
    description: 'The same context notes one by one, oldest first, each with its source numbers.',
  })
  backgroundNotes: BriefingCitedText[];

  @Field(() => [Int], { description: 'Every source number the context notes cite, ascending.' })
  backgroundSourceNumbers: number[];

  @Field(() => [String], {
    description: "The issues open on the briefing's date, oldest first (their wording; see `openIssueItems`).",
  })
  openIssues: string[];

  @Field(() => [BriefingCitedTextObject], {
    description: "The issues open on the briefing's date, oldest first, each with its source numbers.",
  })
  openIssueItems: BriefingCitedText[];
}

@ObjectType('BriefingReference', {
  description: 'A one-line pointer to an event told in full in another section ("Also on this front: … — see Gaza").',
})
export class BriefingReferenceObject implements BriefingReference {
  @Field(() => ID, { description: 'The event referred to.' })
  eventId: string;

  @Field({ description: "The event's title." })
  title: string;

  @Field({ description: 'The event\'s prose date, as in its full item ("on 15 November 2025").' })
  dateText: string;

  @Field({ description: 'Anchor of the section that tells the event, e.g. "front-gaza".' })
  sectionAnchor: string;

  @Field({ description: 'Name of the front whose section tells the event.' })
  frontName: string;
}

@ObjectType('BriefingSection', {
  description:
    "One front's part of a briefing. A front with no news says so (`hasNews: false`) and still gives its status and background.",
})
export class BriefingSectionObject implements Omit<BriefingSection, 'today' | 'recent' | 'background'> {
  @Field(() => ID, { description: "Opaque id of this front's section of this briefing (not the front's id)." })
  id: string;

  @Field({ description: 'HTML id / Markdown anchor, e.g. "front-gaza".' })
  anchor: string;

  @Field(() => BriefingFrontObject, { description: 'The front the section is about, as of the briefing.' })
  front: BriefingFrontObject;

  @Field({ description: '"Ceasefire in force since 10 October 2025 — day 37".' })
  statusLine: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "Day of the current status, counted in calendar days of the briefing's date (day 1 is the first day); null when the status has no known start day.",
  })
  statusDay: number | null;

  @Field({
    description:
      'False when the front has no events on the date or in the previous 7 days ("No new reported developments").',
  })
  hasNews: boolean;

  @Field(() => [BriefingEventObject], { description: 'Events of the date, most significant first.' })
  today: BriefingEventObject[];

  @Field(() => [BriefingEventObject], { description: 'Events of the previous 7 days, newest first.' })
  recent: BriefingEventObject[];

  @Field(() => [BriefingEventObject], {
    description:
      'The less significant events (1–2) of the previous 7 days told in this section, one compact line each, newest first.',
  })
  alsoReported: BriefingEventObject[];

  @Field(() => [BriefingReferenceObject], {
    description:
      "Events of this front told in full in another section (each event is told once, in its primary front's section: the one an editor chose, else its first front in briefing order).",
  })
  alsoOnThisFront: BriefingReferenceObject[];

  @Field(() => [BriefingEventObject], {
    description: 'Older events of significance 4–5 that still matter, newest first.',
  })
  background: BriefingEventObject[];

  @Field(() => Int, {
    description: 'Older events of this front known by the date that the section neither tells nor references.',
  })
  backgroundOmitted: number;

  @Field(() => String, { nullable: true, description: '"3 earlier events not shown", or null when none is left out.' })
  backgroundOmittedText: string | null;

  @Field(() => [BriefingPersonObject], { description: "Leaders named in the section's events." })
  leaders: BriefingPersonObject[];

  @Field(() => [BriefingPersonObject], { description: "Actors named in the section's events." })
  actors: BriefingPersonObject[];

  @Field(() => [BriefingQuoteObject], { description: 'Quotes from the events of the date.' })
  quotes: BriefingQuoteObject[];
}

export enum KeyTakeawayKind {
  ASSESSMENT = 'ASSESSMENT',
  EVENT = 'EVENT',
}
registerEnumType(KeyTakeawayKind, {
  name: 'KeyTakeawayKind',
  description: 'What a key takeaway states.',
  valuesConfig: {
    ASSESSMENT: { description: "An editors' assessment of the briefing's date or the 7 days before; these lead." },
    EVENT: { description: "One of the day's most significant events." },
  },
});

@ObjectType('KeyTakeaway', {
  description:
    "A line of the key takeaways: the editors' assessments of the briefing's days first, each led by its estimative term, then the day's most significant events; each pointing to the section that tells it.",
})
export class KeyTakeawayObject implements KeyTakeaway {
  @Field(() => KeyTakeawayKind, { description: 'An assessment or an event.' })
  kind: KeyTakeawayKind;

  @Field({
    description:
      'The takeaway, one sentence: the event\'s title, or the assessment led by its estimative term ("Assessment (likely): …"; "Assessment of 12 November 2025 (likely): …" when made on an earlier day).',
  })
  text: string;

  @Field(() => ID, { nullable: true, description: 'The event it summarises; null for an assessment.' })
  eventId: string | null;

  @Field(() => ID, { nullable: true, description: 'The assessment it states; null for an event.' })
  assessmentId: string | null;

  @Field(() => Confidence, { nullable: true, description: "The assessment's confidence; null for an event." })
  confidence: Confidence | null;

  @Field(() => String, {
    nullable: true,
    description: 'The estimative term of that confidence ("almost certainly", "likely"…); null for an event.',
  })
  confidenceTerm: string | null;

  @Field(() => Int, { nullable: true, description: "The event's significance, 1 to 5; null for an assessment." })
  significance: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'How well the event is established, as printed with it ("claimed; not independently verified"); null for a plain report or an assessment.',
  })
  verificationNote: string | null;

  @Field({ description: '`BriefingSection.anchor` of the section that tells it (the first of its fronts).' })
  sectionAnchor: string;

  @Field({ description: "Name of that section's front." })
  frontName: string;

  @Field(() => [String], {
    description:
      "Every front of the event or assessment among the briefing's sections, in briefing order (the first is `frontName`).",
  })
  frontNames: string[];

  @Field(() => [Int], { description: 'Numbers in `Briefing.sources`.' })
  sourceNumbers: number[];
}

/**
 * A briefing as the `briefing` query hands it on: the checked request, and the composition started only when a
 * field needs it. `render` can then answer from the render cache without composing at all; every other field
 * (see BriefingResolver) composes once per request, and so checks the fronts exist.
 */
export interface LazyBriefing {
  request: NormalizedBriefingRequest;
  composed: () => Promise<ComposedBriefing>;
}

@ObjectType('Briefing', {
  description: 'The daily briefing of a date: key takeaways, one section per front, one numbered source list.',
})
export class BriefingObject {
  @Field(() => ID, {
    description:
      'Opaque id of this briefing, from its date, fronts (or all) and timezone: the same request gives the same id.',
  })
  id: string;

  /** Not in the schema: the fields are resolved from it by BriefingResolver. */
  lazy: LazyBriefing;
}

@ObjectType({ description: 'A briefing rendered to a document.' })
export class RenderedBriefing {
  @Field(() => BriefingFormat, { description: 'The format asked for.' })
  format: string;

  @Field({ description: 'e.g. "text/html; charset=utf-8".' })
  contentType: string;

  @Field({ description: 'A file name for saving it, e.g. "sitrep-briefing-2025-11-15.html".' })
  filename: string;

  @Field({ description: 'The document: text for HTML, Markdown, text and email; base64 for PDF (see `encoding`).' })
  body: string;

  @Field(() => BodyEncoding, { description: 'UTF8 for text formats, BASE64 for PDF.' })
  encoding: BodyEncoding;

  @Field({ description: "The template used (the format's default when none was named)." })
  template: string;

  @Field({ description: 'A link that downloads the same document over HTTP.' })
  downloadUrl: string;
}

@ObjectType({ description: 'A change to an event that touches a briefing.' })
export class BriefingChange {
  @Field(() => ID, { description: 'The event that changed (it may since have been deleted).' })
  eventId: string;

  @Field(() => BriefingChangeAction, { description: 'Whether it was created, updated or deleted.' })
  action: string;

  @Field(() => DateTimeScalar, { description: 'When the change was made.' })
  changedAt: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The event's current title (not the one it had at the time of the change); null when the event has been deleted.",
  })
  title: string | null;
}

@ObjectType({
  description:
    "A front's status period, open issue or context note written (set, opened, resolved, added, retired) so that a briefing's front state may change.",
})
export class FrontRecordChange {
  @Field({ description: "The front's slug." })
  front: string;

  @Field(() => ID, {
    description: 'The status period, issue or context note written (see `Front.statusHistory`, `issues`, `context`).',
  })
  recordId: string;

  @Field(() => BriefingChangeAction, { description: 'CREATED for a new record, UPDATED for a change to one.' })
  action: string;

  @Field(() => DateTimeScalar, { description: 'When the write happened.' })
  changedAt: string;

  @Field(() => String, { nullable: true, description: "The record's wording as the write left it." })
  text: string | null;
}

@ObjectType({ description: 'A template a briefing can be rendered with.' })
export class TemplateInfo {
  @Field({ description: 'The name to pass as `Briefing.render(template:)`.' })
  name: string;

  @Field(() => BriefingFormat, { description: 'The format the template renders.' })
  format: string;

  @Field({ description: 'What the template looks like and what it is for.' })
  description: string;
}
