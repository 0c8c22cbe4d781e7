import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Edition, EditionFormatRow } from '../../entities/edition';
import type { PageKey } from '../../validation/page-cursor';
import { keyBeyond } from './paging';

/** A format of an edition without its bytes. */
export type EditionFormatInfo = Omit<EditionFormatRow, 'body'>;

export interface EditionRows {
  editions: Edition[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

/** The columns of the list order's key (see PageKey): newest first. */
const EDITION_ORDER = ['e.published_at', 'e.id'] as const;

/** Which editions a numbering covers: one date, front selection and timezone. */
export interface EditionSeries {
  date: string;
  frontsKey: string;
  timezone: string;
}

export class EditionRepository {
  constructor(
    private readonly manager: EntityManager,
    /** Hears each edition this transaction publishes. */
    private readonly published: (edition: Edition) => void = () => undefined,
  ) {}

  byId(id: string): Promise<Edition | null> {
    return this.manager.findOne(Edition, { where: { id } });
  }

  async byIds(ids: readonly string[]): Promise<Map<string, Edition>> {
    if (ids.length === 0) return new Map();
    const rows = await this.manager.find(Edition, { where: { id: In([...ids]) } });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The edition of the series with this number, or null. */
  byNumber(series: EditionSeries, number: number): Promise<Edition | null> {
    return this.manager.findOne(Edition, { where: { ...series, number } });
  }

  /** The series' newest edition (highest number), or null before its first. */
  latest(series: EditionSeries): Promise<Edition | null> {
    return this.manager.findOne(Edition, { where: { ...series }, order: { number: 'DESC' } });
  }

  /** The number the series' next edition gets. */
  async nextNumber(series: EditionSeries): Promise<number> {
    const row = await this.manager
      .createQueryBuilder(Edition, 'e')
      .select('MAX(e.number)', 'n')
      .where('e.date = :date AND e.fronts_key = :frontsKey AND e.timezone = :timezone', series)
      .getRawOne<{ n: number | string | null }>();
    return Number(row?.n ?? 0) + 1;
  }

  async insert(edition: Edition, formats: readonly EditionFormatRow[]): Promise<void> {
    await this.manager.insert(Edition, edition);
    if (formats.length > 0) await this.manager.insert(EditionFormatRow, [...formats]);
    this.published(edition);
  }

  /** Stores a format rendered after publication (the PDF), unless one is stored already: the first one stays. */
  async addFormatOnce(row: EditionFormatRow): Promise<void> {
    await this.manager.createQueryBuilder().insert().into(EditionFormatRow).values(row).orIgnore().execute();
  }

  /** The stored formats of each edition, without their bytes: one statement. */
  async formatInfos(editionIds: readonly string[]): Promise<Map<string, EditionFormatInfo[]>> {
    const map = new Map<string, EditionFormatInfo[]>(editionIds.map((id) => [id, []]));
    if (editionIds.length === 0) return map;
    const rows = await this.manager.find(EditionFormatRow, {
      select: ['editionId', 'format', 'sha256', 'byteLength', 'contentType', 'filename', 'template'],
      where: { editionId: In([...editionIds]) },
    });
    for (const row of rows) map.get(row.editionId)?.push(row);
    return map;
  }

  format(editionId: string, format: string): Promise<EditionFormatRow | null> {
    return this.manager.findOne(EditionFormatRow, { where: { editionId, format } });
  }

  /** Up to `size` editions (of one date, or all) after the cursor's (publishedAt, id), newest first. */
  async page(date: string | null, size: number, after: PageKey | null): Promise<EditionRows> {
    const scoped = (alias: string) => {
      const q = this.manager.createQueryBuilder(Edition, alias);
      if (date !== null) q.andWhere(`${alias}.date = :date`, { date });
      return q;
    };
    const page = scoped('e');
    if (after !== null) page.andWhere(keyBeyond('<', after, EDITION_ORDER, 'a'));
    const rows = await page
      .orderBy('e.published_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(size + 1)
      .getMany();
    const hasPreviousPage =
      after !== null &&
      (await scoped('e')
        .select('e.id')
        .andWhere(keyBeyond('>=', after, EDITION_ORDER, 'p'))
        .limit(1)
        .getRawOne()) !== undefined;
    return {
      editions: rows.slice(0, size),
      hasNextPage: rows.length > size,
      hasPreviousPage,
      totalCount: () => scoped('e').getCount(),
    };
  }
}
