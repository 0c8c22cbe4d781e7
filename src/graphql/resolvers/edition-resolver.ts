import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Edition } from '../../entities/edition';
import { editionPath } from '../../output/formats/download-path';
import { FORMAT_PROFILES, RENDER_FORMATS, RenderFormat } from '../../output/formats/formats';
import { editionRequest } from '../../services/edition-service';
import { encodeCursor } from '../../validation/page-cursor';
import type { GraphQLContext } from '../context/context';
import { DateScalar } from '../scalars/date-scalar';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import { BodyEncoding, BriefingFormat, BriefingObject } from '../types/briefing-types';
import {
  EditionChanges,
  EditionConnection,
  EditionDiff,
  EditionDocumentObject,
  EditionFormat,
} from '../types/edition-types';
import { toConnection } from '../types/event-connection';
import { editionBriefingId } from './briefing-ids';

const editionCursor = (edition: Edition): string => encodeCursor([edition.publishedAt, edition.id]);

@Resolver(() => Edition)
export class EditionResolver {
  @Authorized('editor')
  @Mutation(() => Edition, {
    description:
      'Publishes the briefing as it was known at `cutoff` (now when omitted) as the next numbered edition of its date, fronts and timezone, rendered and stored in every format but PDF (printed and stored on its first request). ' +
      'Publishing again with nothing changed gives the next number with the same bytes. A cutoff in the future or before any data is a BAD_USER_INPUT error naming `cutoff`. Editor only.',
  })
  publishEdition(
    @Arg('date', () => DateScalar, { description: 'The day the briefing is for, in `timezone`.' }) date: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('fronts', () => [String], { description: 'Front slugs; all fronts when omitted.', nullable: true })
    fronts?: string[] | null,
    @Arg('timezone', () => String, { description: 'IANA timezone; UTC when omitted.', nullable: true })
    timezone?: string | null,
    @Arg('cutoff', () => DateTimeScalar, { description: 'The information cutoff; now when omitted.', nullable: true })
    cutoff?: string | null,
  ): Promise<Edition> {
    return ctx.services.editions.publish({ date, fronts, timezone, cutoff }, ctx.principal?.name ?? null);
  }

  @Query(() => Edition, {
    description: 'The edition with this id. An unknown id is a NOT_FOUND error naming `id`.',
  })
  edition(
    @Arg('id', () => ID, { description: "The edition's id." }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Edition> {
    return ctx.services.editions.get(id);
  }

  @Query(() => EditionConnection, { description: 'Published editions, newest first, a page at a time.' })
  async editions(
    @Ctx() ctx: GraphQLContext,
    @Arg('date', () => DateScalar, { nullable: true, description: 'Only the editions of this day; all when omitted.' })
    date?: string | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many, from 1 to 100.' }) first?: number,
    @Arg('after', () => String, {
      description: 'A cursor (`pageInfo.endCursor`): the page starts after that edition.',
      nullable: true,
    })
    after?: string | null,
  ): Promise<EditionConnection> {
    const page = await ctx.services.editions.list(date, first, after);
    return toConnection({ ...page, items: page.editions }, editionCursor);
  }

  // Editors only, as Event.revisions: old values may be titles and details no event shows any more. Readers learn of
  // corrections to what an edition showed from the next edition's Corrections block.
  @Authorized('editor')
  @Query(() => EditionDiff, {
    description:
      'Editor only. Events added, corrected (field by field) and retracted between the cutoffs of two editions, for the date and fronts of `from`. ' +
      'An unknown id is a NOT_FOUND error naming `from` or `to`; a `to` with an earlier cutoff a BAD_USER_INPUT error naming `to`.',
  })
  async editionDiff(
    @Arg('from', () => ID, { description: 'The earlier edition.' }) from: string,
    @Arg('to', () => ID, { description: 'The later edition.' }) to: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<EditionDiff> {
    const diff = await ctx.services.editions.diff(from, to);
    return {
      from: diff.from,
      to: diff.to,
      changes: { after: diff.from.cutoff, upTo: diff.to.cutoff, ...diff.changes },
    };
  }

  @Authorized('editor')
  @FieldResolver(() => EditionChanges, {
    description:
      'Editor only. Events added, corrected (field by field) and retracted since its cutoff that touch its date and fronts (the rule of `Briefing.changesSince`).',
  })
  async changesSince(@Root() edition: Edition, @Ctx() ctx: GraphQLContext): Promise<EditionChanges> {
    const upTo = new Date().toISOString();
    const changes = await ctx.services.editions.changesSince(edition, upTo);
    return { after: edition.cutoff, upTo, ...changes };
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description: 'The front slugs it covers, sorted; null for every front.',
  })
  fronts(@Root() edition: Edition): string[] | null {
    return editionRequest(edition).fronts;
  }

  @FieldResolver(() => [EditionFormat], {
    description:
      'Its stored formats with their SHA-256, in the order of `BriefingFormat`: HTML, Markdown, text and email from publication; PDF once printed.',
  })
  async formats(@Root() edition: Edition, @Ctx() ctx: GraphQLContext): Promise<EditionFormat[]> {
    const infos = await ctx.loaders.editionFormats.load(edition.id);
    const rank = (format: string): number => RENDER_FORMATS.indexOf(format as RenderFormat);
    return [...infos]
      .sort((a, b) => rank(a.format) - rank(b.format))
      .map((info) => ({
        format: info.format,
        sha256: info.sha256,
        bytes: info.byteLength,
        contentType: info.contentType,
        downloadUrl: `${ctx.publicUrl}${editionPath(edition.id, info.format as RenderFormat)}`,
      }));
  }

  @FieldResolver(() => BriefingObject, {
    description:
      'The briefing exactly as it was frozen. Its `render` renders it afresh with the current templates; `Edition.render` gives the stored bytes.',
  })
  briefing(@Root() edition: Edition, @Ctx() ctx: GraphQLContext): BriefingObject {
    const briefing = ctx.services.editions.briefing(edition);
    const request = { ...editionRequest(edition), asOf: edition.cutoff };
    const composed = Promise.resolve({ briefing, request, dataRevision: edition.dataRevision });
    return { id: editionBriefingId(edition.id), lazy: { request, composed: () => composed } };
  }

  @FieldResolver(() => EditionDocumentObject, {
    description:
      'The edition in one format: the stored bytes, the same on every call. A PDF is printed on its first request.',
  })
  async render(
    @Root() edition: Edition,
    @Arg('format', () => BriefingFormat, { description: 'The document format.' }) format: BriefingFormat,
    @Ctx() ctx: GraphQLContext,
  ): Promise<EditionDocumentObject> {
    // Printing the PDF the first time is a composition's worth of work: it costs one from the caller's budget.
    const doc = await ctx.services.editions.document(edition, format, ctx.takeComposition);
    const base64 = FORMAT_PROFILES[doc.format].graphqlEncoding === 'BASE64';
    return {
      format: doc.format,
      contentType: doc.contentType,
      filename: doc.filename,
      template: doc.template,
      sha256: doc.sha256,
      body: doc.bytes.toString(base64 ? 'base64' : 'utf8'),
      encoding: base64 ? BodyEncoding.BASE64 : BodyEncoding.UTF8,
      downloadUrl: `${ctx.publicUrl}${editionPath(edition.id, doc.format)}`,
    };
  }
}

@Resolver(() => EditionConnection)
export class EditionConnectionResolver {
  @FieldResolver(() => Int, { description: 'Editions across all pages.' })
  totalCount(@Root() connection: EditionConnection): Promise<number> {
    return connection.countAll();
  }
}
