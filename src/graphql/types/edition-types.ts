import { Field, Int, ObjectType } from 'type-graphql';
import { Edition } from '../../entities/edition';
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
