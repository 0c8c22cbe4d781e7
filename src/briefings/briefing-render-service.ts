import { badInput } from '../errors/app-errors';
import {
  RENDER_FORMATS, RenderFormat, RenderedBriefing, TemplateInfo, TemplateRegistry, defaultTemplateRegistry, isRenderFormat, renderBriefingWith,
} from '../rendering';
import { BriefingCache, BriefingCacheKey, etagFor } from './briefing-cache';
import type { BriefingRequest, BriefingService, ComposedBriefing, NormalizedBriefingRequest } from './briefing-service';

/** A rendered briefing with what identifies it: the ETag of its cache key and the data revision it shows. */
export interface BriefingRender extends RenderedBriefing {
  etag: string;
  dataRevision: number;
}

/** A checked render request, with its cache key and ETag known before anything is rendered (for `304`s). */
export interface PreparedRender {
  request: NormalizedBriefingRequest;
  format: RenderFormat;
  key: BriefingCacheKey;
  etag: string;
}

/**
 * Rendering briefings through the cache: one path for GraphQL `Briefing.render`, the HTTP downloads and the CLI.
 * A request whose data revision, template revision and parameters match a cached render costs one statement
 * (reading the revision); anything else is composed, rendered and cached.
 */
export class BriefingRenderService {
  constructor(
    private readonly briefings: BriefingService,
    readonly cache: BriefingCache = new BriefingCache(),
    private readonly registry: () => TemplateRegistry = defaultTemplateRegistry,
  ) {}

  /** The templates a client may choose from (name, format, description). */
  templates(): TemplateInfo[] {
    return this.registry().listTemplates();
  }

  /** Checks the request and the template and computes the ETag, without loading or rendering the briefing. */
  async prepare(request: BriefingRequest, format: string, template?: string | null): Promise<PreparedRender> {
    const normalized = this.briefings.normalize(request);
    const checkedFormat = checkFormat(format);
    const compiled = this.registry().resolve(checkedFormat, template);
    const dataRevision = await this.briefings.revision();
    const key = this.keyOf(normalized, checkedFormat, compiled.info.name, compiled.revision, dataRevision);
    return { request: normalized, format: checkedFormat, key, etag: etagFor(key) };
  }

  /** Renders a prepared request, from the cache when it can. */
  async renderPrepared(prepared: PreparedRender): Promise<BriefingRender> {
    const cached = this.cache.get(prepared.key);
    if (cached !== undefined) return { ...cached, etag: prepared.etag, dataRevision: prepared.key.dataRevision };
    const briefing = await this.briefings.composeNormalized(prepared.request);
    const rendered = renderBriefingWith(this.registry(), briefing, prepared.format, prepared.key.template);
    return this.store(prepared.key, rendered, prepared.request);
  }

  async render(request: BriefingRequest, format: string, template?: string | null): Promise<BriefingRender> {
    return this.renderPrepared(await this.prepare(request, format, template));
  }

  /** Renders a briefing already composed (GraphQL), keyed by the revision it was composed at. */
  renderComposed(composed: ComposedBriefing, format: string, template?: string | null): BriefingRender {
    const checkedFormat = checkFormat(format);
    const compiled = this.registry().resolve(checkedFormat, template);
    const key = this.keyOf(composed.request, checkedFormat, compiled.info.name, compiled.revision, composed.dataRevision);
    const cached = this.cache.get(key);
    if (cached !== undefined) return { ...cached, etag: etagFor(key), dataRevision: key.dataRevision };
    return this.store(key, renderBriefingWith(this.registry(), composed.briefing, checkedFormat, compiled.info.name), composed.request);
  }

  private keyOf(request: NormalizedBriefingRequest, format: RenderFormat, template: string, templateRevision: string, dataRevision: number): BriefingCacheKey {
    return { date: request.date, fronts: request.fronts, timezone: request.timezone, format, template, templateRevision, dataRevision };
  }

  private store(key: BriefingCacheKey, rendered: RenderedBriefing, request: NormalizedBriefingRequest): BriefingRender {
    // The cache key holds the revision the template had when it was resolved; the rendered one is the same file set.
    const named: RenderedBriefing = { ...rendered, filename: filenameFor(rendered.filename, request.fronts) };
    this.cache.set(key, named);
    return { ...named, etag: etagFor(key), dataRevision: key.dataRevision };
  }
}

function checkFormat(format: string): RenderFormat {
  if (!isRenderFormat(format)) throw badInput('format', `must be one of ${RENDER_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  return format;
}

/** "sitrep-briefing-2025-11-15-gaza-iran.html" for a briefing of some fronts; the renderer's name for all of them. */
export function filenameFor(filename: string, fronts: readonly string[] | null): string {
  if (fronts === null || fronts.length === 0 || fronts.length > 5) return filename;
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? `${filename}-${fronts.join('-')}` : `${filename.slice(0, dot)}-${fronts.join('-')}${filename.slice(dot)}`;
}
