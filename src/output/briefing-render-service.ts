import type { Briefing } from '../briefings/briefing';
import type {
  BriefingRequest,
  BriefingService,
  ComposedBriefing,
  NormalizedBriefingRequest,
} from '../briefings/briefing-service';
import { badInput } from '../errors/app-errors';
import { BriefingCache, BriefingCacheKey, CachedRender, etagFor } from './cache/briefing-cache';
import { RENDER_FORMATS, RenderFormat, RenderedOutput, briefingFilename, isRenderFormat } from './formats/formats';
import { parsePaper } from './pdf/pdf-renderer';
import type { OutputRenderer } from './render-output';
import type { TemplateInfo } from './templates/template-registry';

/** A rendered briefing with what identifies it: the ETag of its cache key and the data revision it shows. */
export type BriefingRender = CachedRender & {
  etag: string;
  dataRevision: number;
};

/** A checked render request, with its cache key and ETag known before anything is rendered (for `304`s). */
export interface PreparedRender {
  request: NormalizedBriefingRequest;
  format: RenderFormat;
  key: BriefingCacheKey;
  etag: string;
}

/** How a briefing is rendered besides its format: the template, and the paper size of a PDF. */
export interface RenderChoice {
  template?: string | null;
  /** `A4` (default) or `LETTER`, any case; only PDFs use it. */
  paper?: string | null;
}

/**
 * Rendering briefings through the cache: one path for GraphQL `Briefing.render`, the HTTP downloads and the CLI.
 * A request whose data revision, template revision and parameters match a cached render costs one statement
 * (reading the revision); anything else is composed, rendered and cached.
 */
export class BriefingRenderService {
  constructor(
    private readonly briefings: BriefingService,
    private readonly output: OutputRenderer,
    readonly cache: BriefingCache = new BriefingCache(),
  ) {}

  /** The templates a client may choose from (name, format, description). */
  templates(): TemplateInfo[] {
    return this.output.templates();
  }

  /** Checks the request and the template and computes the ETag, without loading or rendering the briefing. */
  async prepare(
    request: BriefingRequest,
    format: string,
    choice: RenderChoice = {},
    revision: () => Promise<number> = () => this.briefings.revision(),
  ): Promise<PreparedRender> {
    const normalized = this.briefings.normalize(request);
    const checkedFormat = checkFormat(format);
    const compiled = this.output.registry.resolve(checkedFormat, choice.template);
    const paper = paperFor(checkedFormat, choice.paper);
    const dataRevision = await revision();
    const key = this.keyOf(normalized, checkedFormat, compiled.info.name, compiled.revision, dataRevision, paper);
    return { request: normalized, format: checkedFormat, key, etag: etagFor(key) };
  }

  /** Renders a prepared request, from the cache when it can. */
  async renderPrepared(prepared: PreparedRender): Promise<BriefingRender> {
    const cached = this.cache.get(prepared.key);
    if (cached !== undefined) return { ...cached, etag: prepared.etag, dataRevision: prepared.key.dataRevision };
    // Whoever asked for this render has paid for it (the render budget); the composition it needs comes with it.
    const briefing = await this.briefings.composeAt(prepared.request, prepared.key.dataRevision);
    return this.store(prepared.key, await this.renderKey(briefing, prepared.key), prepared.request);
  }

  async render(request: BriefingRequest, format: string, choice: RenderChoice = {}): Promise<BriefingRender> {
    return this.renderPrepared(await this.prepare(request, format, choice));
  }

  /**
   * Renders from the cache when the current data has been rendered so before (one statement: the revision);
   * otherwise composes through `composed` (shared with the request's other fields) and renders that.
   */
  async renderLazily(
    request: NormalizedBriefingRequest,
    format: string,
    choice: RenderChoice,
    composed: () => Promise<ComposedBriefing>,
    revision?: () => Promise<number>,
  ): Promise<BriefingRender> {
    const prepared = await this.prepare(request, format, choice, revision);
    const cached = this.cache.get(prepared.key);
    if (cached !== undefined) return { ...cached, etag: prepared.etag, dataRevision: prepared.key.dataRevision };
    return this.renderComposed(await composed(), format, choice);
  }

  /** Renders a briefing already composed (GraphQL), keyed by the revision it was composed at. */
  async renderComposed(composed: ComposedBriefing, format: string, choice: RenderChoice = {}): Promise<BriefingRender> {
    const checkedFormat = checkFormat(format);
    const compiled = this.output.registry.resolve(checkedFormat, choice.template);
    const paper = paperFor(checkedFormat, choice.paper);
    const key = this.keyOf(
      composed.request,
      checkedFormat,
      compiled.info.name,
      compiled.revision,
      composed.dataRevision,
      paper,
    );
    const cached = this.cache.get(key);
    if (cached !== undefined) return { ...cached, etag: etagFor(key), dataRevision: key.dataRevision };
    return this.store(key, await this.renderKey(composed.briefing, key), composed.request);
  }

  private renderKey(briefing: Briefing, key: BriefingCacheKey): Promise<RenderedOutput> {
    return this.output.render(briefing, key.format, { template: key.template, paper: key.paper ?? undefined });
  }

  private keyOf(
    request: NormalizedBriefingRequest,
    format: RenderFormat,
    template: string,
    templateRevision: string,
    dataRevision: number,
    paper: BriefingCacheKey['paper'],
  ): BriefingCacheKey {
    return {
      date: request.date,
      fronts: request.fronts,
      timezone: request.timezone,
      format,
      template,
      templateRevision,
      dataRevision,
      paper,
      asOf: request.asOf ?? null,
    };
  }

  private store(key: BriefingCacheKey, rendered: RenderedOutput, request: NormalizedBriefingRequest): BriefingRender {
    // The cache key holds the revision the template had when it was resolved; the rendered one is the same file set.
    const named: CachedRender = {
      ...rendered,
      filename: briefingFilename(key.date, key.format, request.fronts),
      bytes: Buffer.isBuffer(rendered.body) ? rendered.body : Buffer.from(rendered.body),
    };
    this.cache.set(key, named);
    return { ...named, etag: etagFor(key), dataRevision: key.dataRevision };
  }
}

/** The paper size of a PDF (A4 unless asked); null for the formats it does not affect, so it never splits their cache. */
function paperFor(format: RenderFormat, paper: string | null | undefined): BriefingCacheKey['paper'] {
  if (format !== 'PDF') {
    if (paper) parsePaper(paper); // still refuse nonsense, so a bad parameter never passes silently
    return null;
  }
  return parsePaper(paper);
}

function checkFormat(format: string): RenderFormat {
  if (!isRenderFormat(format))
    throw badInput('format', `must be one of ${RENDER_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  return format;
}
