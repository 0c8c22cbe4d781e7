import { createHash, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Briefing, BriefingCorrection, BriefingFront } from '../briefings/briefing';
import { briefingWindow } from '../briefings/briefing-data';
import type { BriefingRequest, BriefingService, NormalizedBriefingRequest } from '../briefings/briefing-service';
import {
  carryCorrections,
  changesBetween,
  ChangesBetween,
  RevisionEntry,
  shownTitles,
  stateTouches,
} from '../briefings/edition-changes';
import { parseInstant } from '../dates/partial-date';
import type { Database } from '../db/database';
import type { EditionFormatInfo, EditionRows, EditionSeries } from '../db/repositories/edition-repository';
import { ALL_FRONTS_KEY, Edition, EditionFormatRow } from '../entities/edition';
import type { RevisionState } from '../entities/event-revision';
import { AppError, badInput, isAppError, notFound } from '../errors/app-errors';
import {
  editionFilename,
  FORMAT_PROFILES,
  RENDER_FORMATS,
  RenderFormat,
  isRenderFormat,
} from '../output/formats/formats';
import type { OutputRenderer } from '../output/render-output';
import { isUuid } from '../validation/checks';
import { decodeCursor } from '../validation/page-cursor';

/** Rendered when an edition is published; the PDF (which needs Chromium) on its first request instead. */
export const PUBLISHED_FORMATS: readonly RenderFormat[] = RENDER_FORMATS.filter(
  (f) => FORMAT_PROFILES[f].engine !== 'PDF',
);
export const MAX_EDITIONS_PAGE = 100;
/** Publications of one series at the same moment, each taking the next number: how many times one may lose. */
const PUBLISH_ATTEMPTS = 5;

export interface PublishRequest extends BriefingRequest {
  /** ISO 8601 instant; now when absent. */
  cutoff?: string | null;
}

/** One stored format of an edition, with its bytes. */
export interface EditionDocument {
  format: RenderFormat;
  contentType: string;
  filename: string;
  template: string;
  sha256: string;
  bytes: Buffer;
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The stored request of an edition, as BriefingService normalises requests. */
export function editionRequest(edition: Edition): NormalizedBriefingRequest {
  return {
    date: edition.date,
    timezone: edition.timezone,
    fronts: edition.frontsKey === ALL_FRONTS_KEY ? null : edition.frontsKey.split(','),
  };
}

function seriesOf(request: NormalizedBriefingRequest): EditionSeries {
  return {
    date: request.date,
    frontsKey: request.fronts === null ? ALL_FRONTS_KEY : request.fronts.join(','),
    timezone: request.timezone,
  };
}

/**
 * Editions: a briefing composed as of a cutoff, rendered once and stored with its bytes, so that it reads the same
 * after any later edit, template change or restart. Publishing twice with nothing changed in between gives the next
 * number with the same bytes: the documents show the data's own time (the newest revision at or before the cutoff)
 * as `generatedAt`, never the moment of publishing.
 */
export class EditionService {
  /**
   * Documents already served, by edition and format. Stored bytes never change, in this process or any other, so a
   * hit needs no statement and no check; bounded by size, as a handful of hot editions is what it is for.
   */
  private readonly served = new LRUCache<string, EditionDocument>({
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (doc) => Math.max(1, doc.bytes.length),
  });

  constructor(
    private readonly db: Database,
    private readonly briefings: BriefingService,
    private readonly output: OutputRenderer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async publish(request: PublishRequest, by: string | null): Promise<Edition> {
    const normalized = this.briefings.normalize({
      date: request.date,
      fronts: request.fronts,
      timezone: request.timezone,
    });
    const now = this.now();
    const cutoff = this.checkCutoff(request.cutoff, now);
    const reads = this.db.read.briefingReads;
    const dataAsOf = await reads.lastRevisionAt(cutoff);
    if (dataAsOf === null) throw badInput('cutoff', `is before any data (${cutoff}); nothing was known then`);
    const dataRevision = await this.briefings.revision();
    const series = seriesOf(normalized);
    const composed = await this.briefings.composeAt({ ...normalized, asOf: cutoff }, dataRevision);
    const corrections = await this.corrections(await this.db.read.editions.latest(series), cutoff);
    const briefing: Briefing = {
      ...composed,
      generatedAt: dataAsOf,
      ...(corrections.length > 0 ? { corrections } : {}),
    };
    const id = randomUUID();
    const rendered = await Promise.all(PUBLISHED_FORMATS.map((format) => this.renderFormat(briefing, format)));
    // Two publishers of one series may read the same next number; the unique index refuses the second (CONFLICT),
    // which then takes the number after.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.insertEdition(id, series, cutoff, now, by, dataRevision, briefing, rendered);
      } catch (error) {
        if (!(isAppError(error) && error.code === 'CONFLICT') || attempt >= PUBLISH_ATTEMPTS) throw error;
      }
    }
  }

  private insertEdition(
    id: string,
    series: EditionSeries,
    cutoff: string,
    now: Date,
    by: string | null,
    dataRevision: number,
    briefing: Briefing,
    rendered: readonly EditionDocument[],
  ): Promise<Edition> {
    return this.db.write(async (tx) => {
      const number = await tx.editions.nextNumber(series);
      const edition: Edition = Object.assign(new Edition(), {
        id,
        number,
        ...series,
        cutoff,
        publishedAt: now.toISOString(),
        publishedBy: by,
        dataRevision,
        briefing: JSON.stringify(briefing),
      });
      await tx.editions.insert(
        edition,
        rendered.map((doc) => this.formatRow(edition, doc)),
      );
      return edition;
    });
  }

  /** Events added, corrected and retracted after the edition's cutoff (until now) that touch its date and fronts. */
  changesSince(edition: Edition, upTo: string): Promise<ChangesBetween> {
    return this.changes(edition, edition.cutoff, upTo);
  }

  /** What changed between two editions' cutoffs, for the date and fronts of `from`. */
  async diff(fromId: string, toId: string): Promise<{ from: Edition; to: Edition; changes: ChangesBetween }> {
    const from = await this.get(fromId, 'from');
    const to = await this.get(toId, 'to');
    if (to.cutoff < from.cutoff)
      throw badInput('to', `has an earlier cutoff (${to.cutoff}) than from (${from.cutoff}); swap them`);
    return { from, to, changes: await this.changes(from, from.cutoff, to.cutoff) };
  }

  /** The changes of the revisions written after `after` and up to `upTo` that touch the edition's briefing. */
  private async changes(edition: Edition, after: string, upTo: string): Promise<ChangesBetween> {
    if (upTo <= after) return { added: [], corrected: [], retracted: [] };
    const reads = this.db.read.briefingReads;
    const parse = (state: string | null): RevisionState | null =>
      state === null ? null : (JSON.parse(state) as RevisionState);
    const during: RevisionEntry[] = (await reads.revisionsBetween(after, upTo)).map((r) => ({
      ...r,
      state: parse(r.state),
    }));
    const before = new Map<string, RevisionState>();
    for (const [eventId, state] of await reads.statesAt([...new Set(during.map((r) => r.eventId))], after)) {
      const parsed = parse(state);
      if (parsed !== null) before.set(eventId, parsed);
    }
    const window = briefingWindow(edition.date);
    const fronts = editionRequest(edition).fronts;
    return changesBetween(before, during, (state) => stateTouches(state, window, fronts));
  }

  /**
   * The corrections a new edition of the series carries at `cutoff`: those of the previous edition, and the
   * corrections and retractions since its cutoff of the events it showed.
   */
  private async corrections(previous: Edition | null, cutoff: string): Promise<BriefingCorrection[]> {
    if (previous === null) return [];
    const shown = this.briefing(previous);
    const titles = shownTitles(shown);
    const { corrected, retracted } = await this.changes(previous, previous.cutoff, cutoff);
    const fresh: BriefingCorrection[] = [...corrected, ...retracted].flatMap((change) => {
      const title = titles.get(change.eventId);
      if (title === undefined) return [];
      const action = change.action === 'RETRACTED' ? ('RETRACTED' as const) : ('CORRECTED' as const);
      return [{ ...change, action, retracted: action === 'RETRACTED', edition: previous.number, title }];
    });
    return carryCorrections(shown.corrections ?? [], fresh, cutoff);
  }

  /** The edition with this id; NOT_FOUND (naming `field`) when there is none. */
  async get(id: string, field = 'id'): Promise<Edition> {
    if (!isUuid(id)) throw badInput(field, 'must be the id of an edition (a UUID such as 3f2c1a9e-…)');
    const edition = await this.db.read.editions.byId(id);
    if (edition === null) throw notFound(`Edition ${JSON.stringify(id)}`, field);
    return edition;
  }

  /** The newest edition of a date, fronts and timezone; NOT_FOUND before the first. */
  async latest(request: BriefingRequest): Promise<Edition> {
    const normalized = this.briefings.normalize(request);
    const edition = await this.db.read.editions.latest(seriesOf(normalized));
    if (edition === null) {
      const fronts = normalized.fronts === null ? 'all fronts' : normalized.fronts.join(', ');
      throw notFound(`An edition of ${normalized.date} (${fronts}, ${normalized.timezone})`);
    }
    return edition;
  }

  /** The edition published before this one in its series, or null for a first edition. */
  previous(edition: Edition): Promise<Edition | null> {
    if (edition.number <= 1) return Promise.resolve(null);
    return this.db.read.editions.byNumber(
      { date: edition.date, frontsKey: edition.frontsKey, timezone: edition.timezone },
      edition.number - 1,
    );
  }

  async list(date: string | null | undefined, first = 20, after?: string | null): Promise<EditionRows> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_EDITIONS_PAGE)
      throw badInput('first', `must be from 1 to ${MAX_EDITIONS_PAGE}`);
    const day = date === undefined || date === null ? null : this.briefings.normalize({ date }).date;
    return this.db.read.editions.page(day, first, decodeCursor(after, 'after'));
  }

  /** The frozen briefing, exactly as it was rendered. */
  briefing(edition: Edition): Briefing {
    return withFrontCitations(JSON.parse(edition.briefing) as Briefing);
  }

  formatInfos(ids: readonly string[]): Promise<Map<string, EditionFormatInfo[]>> {
    return this.db.read.editions.formatInfos(ids);
  }

  /**
   * A download of an edition's format: what `document` gives, remembered once stored (NOT_FOUND for an unknown id,
   * naming `field`). `beforePrint` as for `document`.
   */
  async download(
    id: string,
    format: string,
    beforePrint?: () => void | Promise<void>,
    field = 'id',
  ): Promise<EditionDocument> {
    const key = `${id}\n${format}`;
    const known = this.served.get(key);
    if (known !== undefined) return known;
    const doc = await this.document(await this.get(id, field), format, beforePrint);
    this.served.set(key, doc);
    return doc;
  }

  /**
   * One format's stored bytes. The PDF is printed on its first request (with the PDF template of that moment) and
   * stored; a request racing it keeps whichever was stored first, so every answer after the first is the same bytes.
   */
  async document(
    edition: Edition,
    format: string,
    /** Called before a PDF is printed (never for stored bytes); what it throws (RATE_LIMITED) refuses the print. */
    beforePrint?: () => void | Promise<void>,
  ): Promise<EditionDocument> {
    if (!isRenderFormat(format))
      throw badInput('format', `must be one of ${RENDER_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
    const stored = await this.db.read.editions.format(edition.id, format);
    if (stored !== null) return this.toDocument(stored);
    if (FORMAT_PROFILES[format].engine !== 'PDF')
      throw new AppError('NOT_FOUND', `Edition ${edition.id} has no ${format} document`, 'format');
    await beforePrint?.();
    const rendered = await this.renderFormat(this.briefing(edition), format);
    await this.db.write((tx) => tx.editions.addFormatOnce(this.formatRow(edition, rendered)));
    const kept = await this.db.read.editions.format(edition.id, format);
    return kept === null ? rendered : this.toDocument(kept);
  }

  private checkCutoff(cutoff: string | null | undefined, now: Date): string {
    if (cutoff === undefined || cutoff === null) return now.toISOString();
    const instant = typeof cutoff === 'string' ? parseInstant(cutoff) : null;
    if (instant === null)
      throw badInput('cutoff', 'must be an ISO 8601 date-time with an offset, e.g. 2025-11-15T10:30:00Z');
    if (instant.getTime() > now.getTime())
      throw badInput('cutoff', `is in the future (${instant.toISOString()}); an edition freezes what is known already`);
    return instant.toISOString();
  }

  private async renderFormat(briefing: Briefing, format: RenderFormat): Promise<EditionDocument> {
    const out = await this.output.render(briefing, format);
    const bytes = Buffer.isBuffer(out.body) ? out.body : Buffer.from(out.body, 'utf8');
    return {
      format,
      contentType: out.contentType,
      filename: out.filename,
      template: out.template,
      sha256: sha256Hex(bytes),
      bytes,
    };
  }

  private formatRow(edition: Edition, doc: EditionDocument): EditionFormatRow {
    return Object.assign(new EditionFormatRow(), {
      editionId: edition.id,
      format: doc.format,
      sha256: doc.sha256,
      byteLength: doc.bytes.length,
      contentType: doc.contentType,
      filename: editionFilename(edition.date, doc.format, editionRequest(edition).fronts, edition.number),
      template: doc.template,
      body: doc.bytes.toString('base64'),
    });
  }

  private toDocument(row: EditionFormatRow): EditionDocument {
    return {
      format: row.format as RenderFormat,
      contentType: row.contentType,
      filename: row.filename,
      template: row.template,
      sha256: row.sha256,
      bytes: Buffer.from(row.body, 'base64'),
    };
  }
}

/**
 * An edition frozen before front records cited their sources has no source numbers on its fronts: it cited none,
 * so each front gets empty ones (and its issues and background as lines citing nothing), and the API and a PDF
 * printed later still show its open issues and background as it was published.
 */
function withFrontCitations(briefing: Briefing): Briefing {
  for (const { front } of briefing.sections) {
    const old = front as Partial<BriefingFront> & Pick<BriefingFront, 'background' | 'openIssues'>;
    old.statusSourceNumbers ??= [];
    old.openIssueItems ??= front.openIssues.map((text) => ({ text, sourceNumbers: [] }));
    old.backgroundNotes ??= front.background === '' ? [] : [{ text: front.background, sourceNumbers: [] }];
    old.backgroundSourceNumbers ??= [];
  }
  return briefing;
}
