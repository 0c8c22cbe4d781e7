import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { DateScalar } from '../scalars/date-scalar';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import { downloadPath } from '../../http/download-path';
import { BodyEncoding, BriefingChange, BriefingFormat, BriefingObject, RenderedBriefing, TemplateInfo } from '../types/briefing-types';

@Resolver(() => BriefingObject)
export class BriefingResolver {
  @Query(() => BriefingObject, {
    description: 'The briefing of a date: one section per front (all fronts when `fronts` is omitted), days and times in `timezone` (IANA). '
      + 'An unknown front or timezone is a BAD_USER_INPUT error naming the field.',
  })
  async briefing(
    @Arg('date', () => DateScalar) date: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('fronts', () => [String], { nullable: true }) fronts?: string[] | null,
    @Arg('timezone', () => String, { nullable: true, defaultValue: 'UTC' }) timezone: string | null = 'UTC',
  ): Promise<BriefingObject> {
    const composed = await ctx.services.briefings.compose({ date, fronts, timezone });
    return { ...composed.briefing, composed };
  }

  @Query(() => [TemplateInfo], { description: 'The templates briefings can be rendered with, for `Briefing.render(template:)`.' })
  templates(@Ctx() ctx: GraphQLContext): TemplateInfo[] {
    return ctx.services.briefingRenders.templates();
  }

  @FieldResolver(() => RenderedBriefing, {
    description: 'The briefing as a document. `template` names one from `templates` (the format\'s default when omitted); an unknown one is a BAD_USER_INPUT error. '
      + '`paper` (A4 or LETTER) sizes a PDF.',
  })
  async render(
    @Root() briefing: BriefingObject,
    @Arg('format', () => BriefingFormat) format: BriefingFormat,
    @Ctx() ctx: GraphQLContext,
    @Arg('template', () => String, { nullable: true }) template?: string | null,
    @Arg('paper', () => String, { nullable: true }) paper?: string | null,
  ): Promise<RenderedBriefing> {
    const choice = { template, paper };
    const rendered = await ctx.services.briefingRenders.renderComposed(briefing.composed, format, choice);
    const base64 = rendered.format === 'PDF';
    return {
      format: rendered.format, contentType: rendered.contentType, filename: rendered.filename, template: rendered.template,
      body: Buffer.isBuffer(rendered.body) ? rendered.body.toString(base64 ? 'base64' : 'utf8') : rendered.body,
      encoding: base64 ? BodyEncoding.BASE64 : BodyEncoding.UTF8,
      downloadUrl: `${ctx.publicUrl}${downloadPath(briefing.composed.request, rendered.format, choice)}`,
    };
  }

  @FieldResolver(() => [BriefingChange], {
    description: 'Events created, updated or deleted after `since` that touch this briefing: dated within its date and the 7 days before, on its fronts. Oldest first.',
  })
  changesSince(@Root() briefing: BriefingObject, @Arg('since', () => DateTimeScalar) since: string, @Ctx() ctx: GraphQLContext): Promise<BriefingChange[]> {
    return ctx.services.briefings.changesSince(briefing.composed.request, since);
  }
}
