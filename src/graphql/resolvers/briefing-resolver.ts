import { FragmentDefinitionNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { BriefingEvent } from '../../briefings/briefing';
import type { ComposedBriefing } from '../../briefings/briefing-service';
import type { Confidence } from '../../entities/confidence';
import { downloadPath } from '../../output/formats/download-path';
import { FORMAT_PROFILES } from '../../output/formats/formats';
import type { PaperSize } from '../../output/pdf';
import { assertRole } from '../context/auth-checker';
import type { GraphQLContext } from '../context/context';
import { DateScalar } from '../scalars/date-scalar';
import { DateTimeScalar } from '../scalars/date-time-scalar';
import {
  BodyEncoding,
  BriefingChange,
  BriefingChangeAction,
  BriefingEventObject,
  BriefingFormat,
  BriefingObject,
  BriefingSectionObject,
  BriefingSourceObject,
  FrontRecordChange,
  KeyTakeawayKind,
  KeyTakeawayObject,
  PaperSizeEnum,
  RenderedBriefing,
  TemplateInfo,
} from '../types/briefing-types';
import { BriefingCorrectionObject } from '../types/edition-types';
import { AssessmentChange } from '../types/live-types';
import { briefingEventId, briefingId, briefingSectionId } from './briefing-ids';

/** Whether a selection on Briefing asks for `render` (directly, or through fragments). */
function selectsRender(
  set: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  seen = new Set<string>(),
): boolean {
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === 'render';
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsRender(selection.selectionSet, fragments, seen);
    if (seen.has(selection.name.value)) return false;
    seen.add(selection.name.value);
    const fragment = fragments[selection.name.value];
    return fragment !== undefined && selectsRender(fragment.selectionSet, fragments, seen);
  });
}

@Resolver(() => BriefingObject)
export class BriefingResolver {
  @Query(() => BriefingObject, {
    description:
      'The briefing of a date: one section per front (all fronts when `fronts` is omitted), days and times in `timezone` (IANA). ' +
      'An unknown front or timezone is a BAD_USER_INPUT error naming the field.',
  })
  briefing(
    @Arg('date', () => DateScalar, { description: 'The day the briefing is for, in `timezone`.' }) date: string,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('fronts', () => [String], { description: 'Front slugs; all fronts when omitted.', nullable: true })
    fronts?: string[] | null,
    @Arg('timezone', () => String, {
      description: 'IANA timezone the days and times are in.',
      nullable: true,
      defaultValue: 'UTC',
    })
    timezone: string | null = 'UTC',
    @Arg('asOf', () => DateTimeScalar, {
      description:
        'Editor only. Compose from the data as it was at this instant (from the event revisions): events created later are absent, ' +
        'updated ones appear as they were, deleted-later ones are still there. The current data when omitted. ' +
        'An instant in the future or before any data is a BAD_USER_INPUT error naming `asOf`.',
      nullable: true,
    })
    asOf?: string | null,
  ): BriefingObject {
    // Editors only, as Event.revisions: the data of an earlier instant holds titles and events no longer shown.
    if (asOf !== undefined && asOf !== null) assertRole(ctx.principal, ['editor']);
    const request = ctx.services.briefings.normalize({ date, fronts, timezone, asOf });
    // A fresh composition costs one render from the caller's budget, unless this briefing is rendered: the
    // operation paid for each `render` before it ran, and the composition is part of that render's work.
    const rendered = info.fieldNodes.some(
      (node) => node.selectionSet !== undefined && selectsRender(node.selectionSet, info.fragments),
    );
    const onCompose = rendered ? undefined : ctx.takeComposition;
    let composing: Promise<ComposedBriefing> | undefined;
    return {
      id: briefingId(request),
      lazy: {
        request,
        composed: () =>
          (composing ??= ctx.services.briefings.compose(request, { onCompose, revision: ctx.dataRevision })),
      },
    };
  }

  @Query(() => [TemplateInfo], {
    description: 'The templates briefings can be rendered with, for `Briefing.render(template:)`.',
  })
  templates(@Ctx() ctx: GraphQLContext): TemplateInfo[] {
    return ctx.services.briefingRenders.templates();
  }

  @FieldResolver(() => DateScalar, { description: 'The day the briefing is for.' })
  async date(@Root() root: BriefingObject): Promise<string> {
    return (await root.lazy.composed()).briefing.date;
  }

  @FieldResolver(() => String, { description: "IANA timezone the briefing's days and times are in." })
  async timezone(@Root() root: BriefingObject): Promise<string> {
    return (await root.lazy.composed()).briefing.timezone;
  }

  @FieldResolver(() => String, { description: '"Daily briefing — 15 November 2025".' })
  async title(@Root() root: BriefingObject): Promise<string> {
    return (await root.lazy.composed()).briefing.title;
  }

  @FieldResolver(() => DateTimeScalar, { description: 'When this briefing was composed.' })
  async generatedAt(@Root() root: BriefingObject): Promise<string> {
    return (await root.lazy.composed()).briefing.generatedAt;
  }

  @FieldResolver(() => [KeyTakeawayObject], {
    description:
      "The editors' assessments of the date and the 7 days before (newest first), then the day's most significant events (most significant first).",
  })
  async keyTakeaways(@Root() root: BriefingObject): Promise<KeyTakeawayObject[]> {
    // The plain briefing names kinds and confidences by the enums' own values.
    return (await root.lazy.composed()).briefing.keyTakeaways.map((t) => ({
      ...t,
      kind: t.kind as KeyTakeawayKind,
      confidence: t.confidence as Confidence | null,
    }));
  }

  @FieldResolver(() => [BriefingSectionObject], { description: 'One per front, in briefing order.' })
  async sections(@Root() root: BriefingObject): Promise<BriefingSectionObject[]> {
    const sections = (await root.lazy.composed()).briefing.sections;
    const events = (list: readonly BriefingEvent[]): BriefingEventObject[] =>
      list.map((event) => ({ ...event, id: briefingEventId(root.id, event.id), eventId: event.id }));
    return sections.map((section) => ({
      ...section,
      id: briefingSectionId(root.id, section.front.slug),
      today: events(section.today),
      recent: events(section.recent),
      background: events(section.background),
      alsoReported: events(section.alsoReported),
    }));
  }

  @FieldResolver(() => [BriefingSourceObject], { description: 'Every source the briefing cites, numbered from 1.' })
  async sources(@Root() root: BriefingObject): Promise<BriefingSourceObject[]> {
    return (await root.lazy.composed()).briefing.sources;
  }

  @FieldResolver(() => [BriefingCorrectionObject], {
    description:
      "Corrections to earlier editions of the series, in an edition's frozen briefing (`Edition.briefing`); empty otherwise.",
  })
  async corrections(@Root() root: BriefingObject): Promise<BriefingCorrectionObject[]> {
    return (await root.lazy.composed()).briefing.corrections ?? [];
  }

  @FieldResolver(() => RenderedBriefing, {
    description:
      "The briefing as a document. `template` names one from `templates` (the format's default when omitted); an unknown one is a BAD_USER_INPUT error. " +
      '`paper` sizes a PDF. A render already cached for the current data costs no composition.',
  })
  async render(
    @Root() root: BriefingObject,
    @Arg('format', () => BriefingFormat, { description: 'The document format.' }) format: BriefingFormat,
    @Ctx() ctx: GraphQLContext,
    @Arg('template', () => String, { description: 'A template name from `templates`.', nullable: true })
    template?: string | null,
    @Arg('paper', () => PaperSizeEnum, { description: 'The paper of a PDF; A4 when omitted.', nullable: true })
    paper?: PaperSize | null,
  ): Promise<RenderedBriefing> {
    const choice = { template, paper };
    const rendered = await ctx.services.briefingRenders.renderLazily(
      root.lazy.request,
      format,
      choice,
      root.lazy.composed,
      ctx.dataRevision,
    );
    const base64 = FORMAT_PROFILES[rendered.format].graphqlEncoding === 'BASE64';
    return {
      format: rendered.format,
      contentType: rendered.contentType,
      filename: rendered.filename,
      template: rendered.template,
      body: Buffer.isBuffer(rendered.body) ? rendered.body.toString(base64 ? 'base64' : 'utf8') : rendered.body,
      encoding: base64 ? BodyEncoding.BASE64 : BodyEncoding.UTF8,
      downloadUrl: `${ctx.publicUrl}${downloadPath(root.lazy.request, rendered.format, choice)}`,
    };
  }

  @FieldResolver(() => [BriefingChange], {
    description:
      "Events created, updated or deleted after `since` that touch this briefing: dated within its date and the 7 days before, on its fronts. Oldest first; `assessmentChangesSince` lists the assessments and `frontChangesSince` the writes to its fronts' status, issues and context.",
  })
  async changesSince(
    @Root() root: BriefingObject,
    @Arg('since', () => DateTimeScalar, { description: 'Changes made after this instant.' }) since: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BriefingChange[]> {
    // Composing checks the fronts exist, as every other field of a briefing does.
    const { request } = await root.lazy.composed();
    return ctx.services.briefings.changesSince(request, since);
  }

  @FieldResolver(() => [AssessmentChange], {
    description:
      "Assessments created, updated or deleted after `since` that lead (or led) this briefing's key takeaways: dated, as the write left them, on its date or in the 7 days before, on one of its fronts (the rule `briefingChanged.assessments` follows). Oldest first; `changesSince` lists the events.",
  })
  async assessmentChangesSince(
    @Root() root: BriefingObject,
    @Arg('since', () => DateTimeScalar, { description: 'Changes made after this instant.' }) since: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AssessmentChange[]> {
    const { request } = await root.lazy.composed();
    return (await ctx.services.briefings.assessmentChangesSince(request, since)).map((change) => ({
      ...change,
      action: change.action as BriefingChangeAction,
    }));
  }

  @FieldResolver(() => [FrontRecordChange], {
    description:
      "Status periods, open issues and context notes written after `since` that may change this briefing's front state: on one of its fronts and holding on its date before or after the write (`changesSince` lists the events). Oldest first.",
  })
  async frontChangesSince(
    @Root() root: BriefingObject,
    @Arg('since', () => DateTimeScalar, { description: 'Changes made after this instant.' }) since: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FrontRecordChange[]> {
    const { request } = await root.lazy.composed();
    return ctx.services.briefings.frontChangesSince(request, since);
  }
}
