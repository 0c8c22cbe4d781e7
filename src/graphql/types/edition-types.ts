import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Edition } from '../../entities/edition';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import { BodyEncoding, BriefingFormat } from './briefing-types';
import { PageInfo } from './event-connection';

@ObjectType({ description: 'One stored format of an edition: its bytes never change, so neither does their hash.' })
export class EditionFormat {
  @Field(() => BriefingFormat, { description: 'The format.' })
  format: string;

  @Field({ description: 'SHA-256 of the bytes, in hex; the strong ETag of its download.' })
  sha256: string;

  @Field(() => Int, { description: 'How many bytes the document has.' })
  bytes: number;

  @Field({ description: 'e.g. "text/html; charset=utf-8".' })
  contentType: string;

  @Field({ description: 'A link that downloads these bytes over HTTP (`/editions/{id}.{ext}`).' })
  downloadUrl: string;
}

@ObjectType('EditionDocument', { description: 'An edition in one format, exactly the stored bytes.' })
export class EditionDocumentObject {
  @Field(() => BriefingFormat, { description: 'The format asked for.' })
  format: string;

  @Field({ description: 'e.g. "text/html; charset=utf-8".' })
  contentType: string;

  @Field({ description: 'A file name for saving it, e.g. "sitrep-briefing-2025-11-15-edition-2.html".' })
  filename: string;

  @Field({ description: 'The template it was rendered with when it was published.' })
  template: string;

  @Field({ description: 'SHA-256 of the bytes, in hex.' })
  sha256: string;

  @Field({ description: 'The document: text for HTML, Markdown, text and email; base64 for PDF (see `encoding`).' })
  body: string;

  @Field(() => BodyEncoding, { description: 'UTF8 for text formats, BASE64 for PDF.' })
  encoding: BodyEncoding;

  @Field({ description: 'A link that downloads the same bytes over HTTP.' })
  downloadUrl: string;
}

@ObjectType({ description: 'An edition in a page of editions, with its cursor.' })
export class EditionEdge {
  @Field({ description: 'Opaque position of this edition in the list; pass it as `after`.' })
  cursor: string;

  @Field(() => Edition, { description: 'The edition.' })
  node: Edition;
}

@ObjectType({ description: 'A page of editions, newest first (ties by id), with a cursor for the next page.' })
export class EditionConnection {
  @Field(() => [EditionEdge], { description: 'The editions of this page, newest first.' })
  edges: EditionEdge[];

  @Field(() => PageInfo, { description: 'Cursors and whether pages follow or precede.' })
  pageInfo: PageInfo;

  /** Counted only when a client selects `totalCount`. */
  countAll: () => Promise<number>;
}

@ObjectType({ description: 'One field of an event that changed, with its value before and after as readers see it.' })
export class EditionFieldChange {
  @Field({
    description:
      'The event field: title, summary, date, occurredAt, timezone, kind, significance, fronts, regions, leaders, actors, sources or quotes.',
  })
  field: string;

  @Field(() => String, { nullable: true, description: 'The value before (lists joined by commas or semicolons).' })
  oldValue: string | null;

  @Field(() => String, { nullable: true, description: 'The value after.' })
  newValue: string | null;
}

@ObjectType({ description: 'An event added, corrected or retracted after an edition’s cutoff, from its revisions.' })
export class EditionEventChange {
  @Field(() => ID, { description: 'The event (it may since have been deleted).' })
  eventId: string;

  @Field({ description: 'The title after the change; for a retraction, the title it had.' })
  title: string;

  @Field(() => [EditionFieldChange], { description: 'For a correction, each field that changed; empty otherwise.' })
  changes: EditionFieldChange[];

  @Field(() => String, {
    nullable: true,
    description: 'The reason given with the change (the newest given); null when none was.',
  })
  reason: string | null;

  @Field(() => DateTimeScalar, { description: 'When the last of its revisions in the period was written.' })
  at: string;
}

@ObjectType({
  description: 'What changed in a period for an edition’s date and fronts, by the rule of `Briefing.changesSince`.',
})
export class EditionChanges {
  @Field(() => DateTimeScalar, { description: 'Changes written after this instant…' })
  after: string;

  @Field(() => DateTimeScalar, { description: '…and at or before this one.' })
  upTo: string;

  @Field(() => [EditionEventChange], { description: 'Events that did not exist (or were deleted) at the start.' })
  added: EditionEventChange[];

  @Field(() => [EditionEventChange], { description: 'Events whose fields readers see changed, field by field.' })
  corrected: EditionEventChange[];

  @Field(() => [EditionEventChange], { description: 'Events deleted in the period, with the reason given.' })
  retracted: EditionEventChange[];
}

@ObjectType({ description: 'What changed between two editions: from the first one’s cutoff to the second’s.' })
export class EditionDiff {
  @Field(() => Edition, { description: 'The earlier edition; its date and fronts decide which changes count.' })
  from: Edition;

  @Field(() => Edition, { description: 'The later edition.' })
  to: Edition;

  @Field(() => EditionChanges, { description: 'The changes between their cutoffs.' })
  changes: EditionChanges;
}

@ObjectType('BriefingCorrection', {
  description: 'A correction or retraction an edition carries for what an earlier edition showed.',
})
export class BriefingCorrectionObject {
  @Field(() => ID, { description: 'The event corrected or retracted.' })
  eventId: string;

  @Field({ description: 'True for a retraction.' })
  retracted: boolean;

  @Field(() => Int, { description: 'The edition that showed it as it was before.' })
  edition: number;

  @Field({ description: 'The title that edition showed.' })
  title: string;

  @Field(() => [EditionFieldChange], { description: 'Each field that changed since.' })
  changes: EditionFieldChange[];

  @Field(() => String, { nullable: true, description: 'Why: the reason given with the revision.' })
  reason: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was corrected or retracted.' })
  at: string;
}
