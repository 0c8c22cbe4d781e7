import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Briefing } from '../../briefings/briefing';
import { DEFAULTS } from '../../config/config';
import { AppError, badInput } from '../../errors/app-errors';
import { FORMAT_PROFILES, RenderFormat } from '../formats/formats';
import { sitrepHandlebars } from './handlebars-environment';
import { GENERIC_FRONT_PARTIAL } from './helpers/common-helpers';
import type { Helper, RenderData } from './helpers/helper-args';
import { TemplateManifestEntry, parseTemplateManifest } from './template-manifest';

// Reads `templates.json`, compiles each template with its partials once, and caches the result. When watching
// (any environment but production) a changed, added or removed file is noticed through modification times;
// in production files are read once and never looked at again.

export interface TemplateInfo {
  name: string;
  format: RenderFormat;
  description: string;
}

export interface CompiledBriefingTemplate {
  info: TemplateInfo;
  /** Hash of the manifest entry and every file the template uses; changes whenever any of them changes. */
  revision: string;
  /** Raw template output, before tidying; `renderBriefing` is the public way to render. */
  render(briefing: Briefing): string;
}

export interface TemplateRegistryOptions {
  templatesDir: string;
  /** Check modification times on each use (development) or read files once (production). */
  watch: boolean;
  /** Longest one render may take (default 10000 ms); past it the render stops with UNAVAILABLE. */
  renderTimeoutMs?: number;
}

/**
 * The render time limit. Handlebars renders synchronously, so a render cannot be interrupted from outside; instead
 * every partial and helper call (several per event) checks the deadline of the render in progress and throws once
 * it has passed, and so do the steps after the template (tidying, wrapping, CSS inlining) between one another.
 * One render runs at a time on the thread, so the deadline is a plain variable (saved and restored, for a render
 * nested in another: the inner one never extends the outer one's deadline).
 */
let renderDeadline = Infinity;
let renderLimitMs = 0;

function withinDeadline<T>(timeoutMs: number, work: () => T): T {
  const outer = { deadline: renderDeadline, limit: renderLimitMs };
  const mine = performance.now() + timeoutMs;
  if (mine < outer.deadline) {
    renderDeadline = mine;
    renderLimitMs = timeoutMs;
  }
  try {
    return work();
  } finally {
    renderDeadline = outer.deadline;
    renderLimitMs = outer.limit;
  }
}

/** Throws UNAVAILABLE when the render in progress (see TemplateRegistry.withinRenderLimit) is past its time limit. */
export function checkRenderDeadline(): void {
  if (performance.now() > renderDeadline) {
    renderDeadline = -Infinity; // every further check fails at once, so the render unwinds quickly
    throw new AppError(
      'UNAVAILABLE',
      `The briefing took longer than ${renderLimitMs} ms to render and was stopped; ask for fewer fronts, or try again later`,
    );
  }
}

/** The same function, checking the render deadline first. */
function guarded<F extends (this: unknown, ...args: never[]) => unknown>(fn: F): F {
  return function (this: unknown, ...args: Parameters<F>) {
    checkRenderDeadline();
    return fn.apply(this, args);
  } as F;
}

export const MANIFEST_FILE = 'templates.json';
const FRONTS_PREFIX = 'fronts/';

type TemplateFn = (context: Briefing, options: Record<string, unknown>) => string;

interface CacheEntry {
  template: CompiledBriefingTemplate;
  /** Every file and folder read, with its modification time then (-1 when it did not exist). */
  watched: Map<string, number>;
}

const mtimeOf = (file: string): number => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

/** `.hbs` files under a folder, by partial name ("event", "fronts/gaza"); folders are recorded to notice additions. */
function collectPartials(dir: string, watched: Map<string, number>, into: Map<string, string>, prefix = ''): void {
  watched.set(dir, mtimeOf(dir));
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new Error(`Template partials folder ${dir} cannot be read`);
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) collectPartials(full, watched, into, `${prefix}${entry.name}/`);
    else if (entry.isFile() && entry.name.endsWith('.hbs'))
      into.set(`${prefix}${entry.name.slice(0, -'.hbs'.length)}`, full);
  }
}

export class TemplateRegistry {
  private readonly dir: string;
  private readonly watch: boolean;
  private readonly renderTimeoutMs: number;
  private manifest: TemplateManifestEntry[] | undefined;
  private manifestMtime = -1;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(options: TemplateRegistryOptions) {
    this.dir = path.resolve(options.templatesDir);
    this.watch = options.watch;
    this.renderTimeoutMs = options.renderTimeoutMs ?? DEFAULTS.renderTimeoutMs;
  }

  listTemplates(): TemplateInfo[] {
    return this.entries().map(({ name, format, description }) => ({ name, format, description }));
  }

  /** The compiled template; an unknown name is the client's mistake. */
  get(name: string): CompiledBriefingTemplate {
    const entry = this.entries().find((e) => e.name === name);
    if (entry === undefined) {
      const known = this.entries()
        .map((e) => e.name)
        .join(', ');
      throw badInput('template', `unknown template "${name}"; available: ${known}`);
    }
    const cached = this.cache.get(name);
    if (cached !== undefined && !(this.watch && this.isStale(cached))) return cached.template;
    const fresh = this.compile(entry);
    this.cache.set(name, fresh);
    return fresh.template;
  }

  /** The named template, checked against the format, or the format's default when no name is given. */
  resolve(format: RenderFormat, name?: string | null): CompiledBriefingTemplate {
    if (name === undefined || name === null || name === '') {
      const fallback = this.entries().find((e) => e.format === format && e.default);
      if (fallback === undefined) throw badInput('format', `no template renders ${format}`);
      return this.get(fallback.name);
    }
    const template = this.get(name);
    if (template.info.format !== format) {
      throw badInput('template', `template "${name}" renders ${template.info.format}, not ${format}`);
    }
    return template;
  }

  /**
   * Runs `work` (a whole render: the template and whatever is done to its output) under this registry's render time
   * limit; `work` calls checkRenderDeadline between its steps, and templates rendered inside share the deadline.
   */
  withinRenderLimit<T>(work: () => T): T {
    return withinDeadline(this.renderTimeoutMs, work);
  }

  /** For ETags: changes when the template's files or manifest entry change. */
  revision(name: string): string {
    return this.get(name).revision;
  }

  /** Compiles every template now, so a broken template throws here rather than on its first render (the server itself compiles on first use). */
  preload(): void {
    for (const entry of this.entries()) this.get(entry.name);
  }

  private entries(): TemplateManifestEntry[] {
    const file = path.join(this.dir, MANIFEST_FILE);
    if (this.manifest !== undefined && !(this.watch && mtimeOf(file) !== this.manifestMtime)) return this.manifest;
    this.manifestMtime = mtimeOf(file);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`Template manifest ${file} cannot be read: ${(error as Error).message}`);
    }
    this.manifest = parseTemplateManifest(json, file);
    // Entries may have changed in any way, so nothing compiled from the old manifest is kept.
    this.cache.clear();
    return this.manifest;
  }

  private isStale(cached: CacheEntry): boolean {
    for (const [file, mtime] of cached.watched) if (mtimeOf(file) !== mtime) return true;
    return false;
  }

  private compile(entry: TemplateManifestEntry): CacheEntry {
    const { handlebars, knownHelpers } = sitrepHandlebars();
    const compileOptions = {
      strict: true,
      knownHelpers,
      knownHelpersOnly: true,
      noEscape: !FORMAT_PROFILES[entry.format].htmlEscape,
      preventIndent: true,
    };
    const watched = new Map<string, number>();
    const hash = createHash('sha256').update(JSON.stringify(entry));

    const compileFile = (file: string): TemplateFn => {
      watched.set(file, mtimeOf(file));
      let source: string;
      try {
        source = fs.readFileSync(file, 'utf8');
      } catch {
        throw new Error(`Template file ${file} (template "${entry.name}") cannot be read`);
      }
      hash.update(`${path.relative(this.dir, file)}\0${source}\0`);
      try {
        // precompile runs the whole compiler now, so syntax errors and unknown helpers surface at load time.
        handlebars.precompile(source, compileOptions);
        return handlebars.compile(source, compileOptions);
      } catch (error) {
        throw new Error(`Template file ${file}: ${(error as Error).message}`);
      }
    };

    const partialFiles = new Map<string, string>();
    for (const dir of entry.partials) collectPartials(path.join(this.dir, dir), watched, partialFiles);
    if (!partialFiles.has(GENERIC_FRONT_PARTIAL)) {
      throw new Error(
        `Template "${entry.name}" has no ${GENERIC_FRONT_PARTIAL}.hbs partial for fronts without their own`,
      );
    }
    const layout = compileFile(path.join(this.dir, entry.layout));
    // A plain null-prototype object: Handlebars looks partials up by name, and a front slug such as
    // "constructor" must not find anything inherited.
    const partials: Record<string, TemplateFn> = Object.create(null) as Record<string, TemplateFn>;
    const frontPartials = new Set<string>();
    for (const [name, file] of partialFiles) {
      partials[name] = guarded(compileFile(file));
      if (name.startsWith(FRONTS_PREFIX) && name !== GENERIC_FRONT_PARTIAL)
        frontPartials.add(name.slice(FRONTS_PREFIX.length));
    }

    const info: TemplateInfo = { name: entry.name, format: entry.format, description: entry.description };
    // Every helper (the built-in ones such as `each` too), checking the render deadline on each call.
    const helpers: Record<string, Helper> = Object.create(null) as Record<string, Helper>;
    for (const [name, helper] of Object.entries(handlebars.helpers)) helpers[name] = guarded(helper as Helper);
    const timeoutMs = this.renderTimeoutMs;
    const template: CompiledBriefingTemplate = {
      info,
      revision: hash.digest('hex').slice(0, 32),
      render(briefing: Briefing): string {
        const sitrep: RenderData = {
          frontPartials,
          sourcePublishers: new Map(briefing.sources.map((s) => [s.number, s.publisher])),
        };
        return withinDeadline(timeoutMs, () =>
          layout(briefing, {
            data: { sitrep },
            helpers,
            partials,
            // The Handlebars defaults, spelled out: templates see own data properties only, never prototypes.
            allowProtoPropertiesByDefault: false,
            allowProtoMethodsByDefault: false,
            allowCallsToHelperMissing: false,
          }),
        );
      },
    };
    return { template, watched };
  }
}

let defaultRegistry: TemplateRegistry | undefined;

/**
 * The shipped templates with the default settings, for code given no registry (tests, tools). The server renders
 * with the registry `createServices` builds from its Config.
 */
export function defaultTemplateRegistry(): TemplateRegistry {
  defaultRegistry ??= new TemplateRegistry({
    templatesDir: DEFAULTS.templatesDir,
    watch: true,
    renderTimeoutMs: DEFAULTS.renderTimeoutMs,
  });
  return defaultRegistry;
}
