import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type {
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
import { EventKind } from '../../entities/event-kind';
import { FrontStatusKind } from '../../entities/front';
import { FORMAT_PROFILES, RENDER_FORMATS, RenderFormat } from '../../output/formats/formats';
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

export enum BodyEncoding {
  UTF8 = 'UTF8',
  BASE64 = 'BASE64',
}
registerEnumType(BodyEncoding, {
  name: 'BodyEncoding',
  description: 'How `RenderedBriefing.body` carries the document.',
});

export enum BriefingPersonType {
  LEADER = 'leader',
  ACTOR = 'actor',
}
registerEnumType(BriefingPersonType, {
  name: 'BriefingPersonType',
  description: 'A leader (a person in office) or an actor (an organisation or group).',
});

export enum BriefingChangeAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(BriefingChangeAction, { name: 'ChangeAction', description: 'What happened to an event.' });

@ObjectType('BriefingSource', {
  description: "An entry of the briefing's numbered source list; numbers start at 1 and every one is cited.",
})
export class BriefingSourceObject implements BriefingSource {
  @Field(() => Int)
  number: number;

  @Field()
  publisher: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  url: string | null;

  @Field(() => DateScalar, { nullable: true })
  publishedOn: string | null;
}

@ObjectType('BriefingPerson', { description: 'A leader or an actor as a briefing names them.' })
export class BriefingPersonObject implements BriefingPerson {
  @Field()
  slug: string;

  @Field()
  name: string;

  @Field(() => BriefingPersonType)
  type: BriefingPerson['type'];

  @Field({
    description:
      'The office of a leader ("President of Russia", "former President of Syria"), the kind of an actor ("armed group").',
  })
  role: string;
}

@ObjectType('BriefingQuote', { description: 'A quote of the day with its speaker and its source numbers.' })
export class BriefingQuoteObject implements BriefingQuote {
  @Field()
  text: string;

  @Field(() => BriefingPersonObject)
  speaker: BriefingPersonObject;

  @Field(() => [Int], { description: 'Numbers in `Briefing.sources`.' })
  sourceNumbers: number[];

  @Field(() => ID)
  eventId: string;
}

@ObjectType('BriefingEvent', {
  description: "An event as a briefing tells it, with its date in the briefing's timezone.",
})
export class BriefingEventObject implements BriefingEvent {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  summary: string;

  @Field(() => EventKind)
  kind: string;

  @Field({ description: 'Human label of the kind, e.g. "Diplomatic call".' })
  kindLabel: string;

  @Field(() => Int)
  significance: number;

  @Field(() => PartialDateScalar, {
    description: "The day in the briefing's timezone, or the month or year when that is all that is known.",
  })
  date: string;

  @Field(() => DatePrecisionEnum)
  datePrecision: DatePrecision;

  @Field({ description: 'Honest prose date: "on 15 November 2025", "in December 2024", "in 2024".' })
  dateText: string;

  @Field(() => DateTimeScalar, { nullable: true })
  occurredAt: string | null;

  @Field(() => String, { nullable: true, description: '"23:30" in the briefing\'s timezone, when a time is known.' })
  localTime: string | null;

  @Field(() => [String])
  frontSlugs: string[];

  @Field(() => [BriefingPersonObject])
  leaders: BriefingPersonObject[];

  @Field(() => [BriefingPersonObject])
  actors: BriefingPersonObject[];

  @Field(() => [BriefingQuoteObject])
  quotes: BriefingQuoteObject[];

  @Field(() => [Int], { description: 'Numbers in `Briefing.sources`.' })
  sourceNumbers: number[];
}

@ObjectType('BriefingFront', { description: 'A front as of the briefing: its status, background and open issues.' })
export class BriefingFrontObject implements BriefingFront {
  @Field()
  slug: string;

  @Field()
  name: string;

  @Field(() => FrontStatusKind)
  statusKind: string;

  @Field()
  status: string;

  @Field(() => PartialDateScalar, { nullable: true })
  statusSince: string | null;

  @Field()
  background: string;

  @Field(() => [String])
  openIssues: string[];
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
export class BriefingSectionObject implements BriefingSection {
  @Field({ description: 'HTML id / Markdown anchor, e.g. "front-gaza".' })
  anchor: string;

  @Field(() => BriefingFrontObject)
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
      "Events of this front told in full in an earlier section (each event is told once, in its first front's section).",
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

  @Field(() => [BriefingPersonObject])
  leaders: BriefingPersonObject[];

  @Field(() => [BriefingPersonObject])
  actors: BriefingPersonObject[];

  @Field(() => [BriefingQuoteObject], { description: 'Quotes from the events of the date.' })
  quotes: BriefingQuoteObject[];
}

@ObjectType('KeyTakeaway', {
  description: "One of the day's most significant events, pointing to the section that tells it.",
})
export class KeyTakeawayObject implements KeyTakeaway {
  @Field()
  text: string;

  @Field(() => ID)
  eventId: string;

  @Field(() => Int)
  significance: number;

  @Field()
  sectionAnchor: string;

  @Field()
  frontName: string;

  @Field(() => [String], {
    description:
      "Every front of the event among the briefing's sections, in briefing order (the first is `frontName`).",
  })
  frontNames: string[];

  @Field(() => [Int])
  sourceNumbers: number[];
}

/**
 * A briefing as the `briefing` query hands it on: the checked request, and the composition started only when a
 * field needs it. `render` can then answer from the render cache without composing at all; every other field
 * (see BriefingResolver) composes once per request, and so checks the fronts exist.
 */
export interface LazyBriefing {
  request: NormalizedBriefingRequest;
  composed(): Promise<ComposedBriefing>;
}

@ObjectType('Briefing', {
  description: 'The daily briefing of a date: key takeaways, one section per front, one numbered source list.',
})
export class BriefingObject {
  /** Not in the schema: the fields are resolved from it by BriefingResolver. */
  lazy: LazyBriefing;
}

@ObjectType({ description: 'A briefing rendered to a document.' })
export class RenderedBriefing {
  @Field(() => BriefingFormat)
  format: string;

  @Field({ description: 'e.g. "text/html; charset=utf-8".' })
  contentType: string;

  @Field({ description: 'A file name for saving it, e.g. "sitrep-briefing-2025-11-15.html".' })
  filename: string;

  @Field({ description: 'The document: text for HTML, Markdown, text and email; base64 for PDF (see `encoding`).' })
  body: string;

  @Field(() => BodyEncoding)
  encoding: BodyEncoding;

  @Field({ description: "The template used (the format's default when none was named)." })
  template: string;

  @Field({ description: 'A link that downloads the same document over HTTP.' })
  downloadUrl: string;
}

@ObjectType({ description: 'A change to an event that touches a briefing.' })
export class BriefingChange {
  @Field(() => ID)
  eventId: string;

  @Field(() => BriefingChangeAction)
  action: string;

  @Field(() => DateTimeScalar)
  changedAt: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The event's current title (not the one it had at the time of the change); null when the event has been deleted.",
  })
  title: string | null;
}

@ObjectType({ description: 'A template a briefing can be rendered with.' })
export class TemplateInfo {
  @Field()
  name: string;

  @Field(() => BriefingFormat)
  format: string;

  @Field()
  description: string;
}
