import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { RenderFormat, RenderedOutput } from '../formats/formats';
import type { PaperSize } from '../pdf/print-page';

/** A render as cached: with its bytes ready, so a download sends them without encoding the text again. */
export type CachedRender = RenderedOutput & { bytes: Buffer };

/** Everything that determines a rendered briefing's bytes (apart from `generatedAt`, which is when it was first made). */
export interface BriefingCacheKey {
  date: string;
  /** Sorted slugs, or null for every front. */
  fronts: readonly string[] | null;
  timezone: string;
  format: RenderFormat;
  template: string;
  templateRevision: string;
  dataRevision: number;
  /** PDFs only; null for the other formats. */
  paper: PaperSize | null;
  /** The instant the data is read as of (`briefing(asOf:)`); null or absent for the current data. */
  asOf?: string | null;
}

export interface BriefingCacheOptions {
  /** Most entries kept (default 500). */
  maxEntries?: number;
  /** Most bytes of bodies kept (default 64 MiB). */
  maxBytes?: number;
}

/** The key as one string: every part, in a fixed order, unambiguous (JSON). */
export function cacheKeyString(key: BriefingCacheKey): string {
  return JSON.stringify([
    key.date,
    key.fronts === null ? null : [...key.fronts],
    key.timezone,
    key.format,
    key.template,
    key.templateRevision,
    key.dataRevision,
    key.paper,
    // Only a briefing as of an instant has the part, so the keys (and ETags) of current briefings stay as they were.
    ...(key.asOf ? [key.asOf] : []),
  ]);
}

/** ETags of recent keys: every cached download and 304 asks for one, and hashing was a visible part of their cost. */
const ETAGS = new LRUCache<string, string>({ max: 2_000 });

/** A weak ETag for the key: equal keys render equivalent documents (only `generatedAt` may differ). */
export function etagFor(key: BriefingCacheKey): string {
  const text = cacheKeyString(key);
  let etag = ETAGS.get(text);
  if (etag === undefined) {
    etag = `W/"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
    ETAGS.set(text, etag);
  }
  return etag;
}

/**
 * Bounded LRU of rendered briefings, shared by GraphQL `Briefing.render`, the HTTP downloads and the CLI. Entries of
 * an older data or template revision are never looked up again (the key changed) and age out.
 */
export class BriefingCache {
  private readonly lru: LRUCache<string, CachedRender>;
  hits = 0;
  misses = 0;

  constructor(options: BriefingCacheOptions = {}) {
    this.lru = new LRUCache<string, CachedRender>({
      max: options.maxEntries ?? 500,
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (value) =>
        Math.max(1, value.bytes.length + (typeof value.body === 'string' ? value.bytes.length : 0)),
    });
  }

  get(key: BriefingCacheKey): CachedRender | undefined {
    const found = this.lru.get(cacheKeyString(key));
    if (found === undefined) this.misses += 1;
    else this.hits += 1;
    return found;
  }

  set(key: BriefingCacheKey, value: CachedRender): void {
    this.lru.set(cacheKeyString(key), value);
  }

  /** Whether the key is cached, without counting a hit or a miss. */
  has(key: BriefingCacheKey): boolean {
    return this.lru.has(cacheKeyString(key));
  }

  get size(): number {
    return this.lru.size;
  }

  clear(): void {
    this.lru.clear();
  }
}
