import { randomUUID } from 'node:crypto';
import { EntityManager, FindOptionsOrder, In, ObjectLiteral } from 'typeorm';
import { ChangeLogEntry } from '../../entities/change-log';
import { FrontRegion } from '../../entities/event-links';
import { Front } from '../../entities/front';
import { chunkRows } from '../chunks';
import type { Dialect } from '../dialect';
import { ChangeSink, ignoreChanges, LoggedChange } from './change-log-repository';

/** The kinds of reference record events and other records name by slug. */
export type ReferenceKind = 'region' | 'leader' | 'actor' | 'front';

type SluggedRow = ObjectLiteral & { id: string; slug: string };

/** Regions, leaders, actors and fronts: looked up by slug, listed in one order, upserted by slug with a change-log entry. */
export class ReferenceRepository<T extends SluggedRow> {
  constructor(
    protected readonly manager: EntityManager,
    protected readonly dialect: Dialect,
    private readonly target: new () => T,
    readonly kind: ReferenceKind,
    private readonly order: FindOptionsOrder<T>,
    private readonly logged: ChangeSink = ignoreChanges,
  ) {}

  list(): Promise<T[]> {
    return this.manager.find(this.target, { order: this.order });
  }

  bySlug(slug: string): Promise<T | null> {
    return this.manager.findOne(this.target, { where: { slug } as never });
  }

  /** Slug → id of every given slug that is stored. */
  async idsBySlug(slugs: readonly string[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const chunk of chunkRows(slugs, 1, this.dialect.maxParameters)) {
      const rows = await this.manager.find(this.target, {
        select: { id: true, slug: true } as never,
        where: { slug: In(chunk) } as never,
      });
      for (const row of rows) ids.set(row.slug, row.id);
    }
    return ids;
  }

  /**
   * Inserts a record or updates the stored one with the same slug, logging the change so the data's revision
   * moves. A record that would not change is left alone: seeding twice changes nothing.
   */
  async upsert(values: Omit<T, 'id'>): Promise<{ record: T; changed: boolean }> {
    const existing = await this.bySlug(values.slug);
    const changed =
      existing === null ||
      Object.entries(values).some(([key, value]) => JSON.stringify(existing[key]) !== JSON.stringify(value));
    const record = { ...values, id: existing?.id ?? randomUUID() } as unknown as T;
    if (!changed) return { record: existing, changed };
    if (existing === null) await this.manager.insert(this.target, record);
    else await this.manager.update(this.target, { id: existing.id }, values as never);
    const entry: LoggedChange = {
      entityType: this.kind,
      entityId: record.id,
      action: existing === null ? 'CREATED' : 'UPDATED',
      changedAt: new Date().toISOString(),
      title: values.slug,
      dateStart: null,
      dateEnd: null,
      frontSlugs: null,
    };
    await this.manager.insert(ChangeLogEntry, entry);
    this.logged([entry]);
    return { record, changed };
  }
}

/** Fronts, with the regions each covers. */
export class FrontRepository extends ReferenceRepository<Front> {
  constructor(manager: EntityManager, dialect: Dialect, logged: ChangeSink = ignoreChanges) {
    super(manager, dialect, Front, 'front', { briefingOrder: 'ASC', slug: 'ASC' }, logged);
  }

  /** Makes the front's regions exactly `regionIds`, writing only when they differ. */
  async setRegions(frontId: string, regionIds: readonly string[]): Promise<void> {
    const wanted = [...regionIds].sort();
    const stored = (await this.manager.find(FrontRegion, { where: { frontId } })).map((r) => r.regionId).sort();
    if (wanted.join() === stored.join()) return;
    await this.manager.delete(FrontRegion, { frontId });
    if (wanted.length > 0)
      await this.manager.insert(
        FrontRegion,
        wanted.map((regionId) => ({ frontId, regionId })),
      );
  }
}
