import { EntityManager, In } from 'typeorm';
import type { Database } from '../db/database';
import { FrontRegion } from '../entities/event-links';
import { Front } from '../entities/front';
import { validateFront } from '../validation/reference-validation';
import type { FrontInput } from './inputs';
import { SlugResolver } from './slug-resolver';
import { upsertBySlug } from '../db/repositories/reference-repository';
import { isSlug } from '../validation/checks';

export class FrontService {
  constructor(private readonly db: Database) {}

  /** Fronts in briefing order. */
  list(): Promise<Front[]> {
    return this.db.manager.find(Front, { order: { briefingOrder: 'ASC', slug: 'ASC' } });
  }

  bySlug(slug: string): Promise<Front | null> {
    // A string that cannot be a slug names nothing (and a NUL would fail the query on PostgreSQL).
    if (!isSlug(slug)) return Promise.resolve(null);
    return this.db.manager.findOne(Front, { where: { slug } });
  }

  bySlugs(slugs: readonly string[]): Promise<Front[]> {
    return this.db.manager.find(Front, { where: { slug: In([...slugs]) }, order: { briefingOrder: 'ASC', slug: 'ASC' } });
  }

  upsert(input: FrontInput, field = 'input'): Promise<Front> {
    const valid = validateFront(input, field);
    return this.db.write((manager) => this.upsertIn(manager, valid, field));
  }

  async upsertIn(manager: EntityManager, valid: Required<FrontInput>, field: string): Promise<Front> {
    const regions = valid.regions ?? [];
    const slugs = new SlugResolver(this.db.dialect.maxParameters);
    slugs.wantAll('region', regions, `${field}.regions`);
    await slugs.resolve(manager);
    const { record } = await upsertBySlug(manager, Front, 'front', {
      slug: valid.slug, name: valid.name, statusKind: valid.statusKind, status: valid.status, statusSince: valid.statusSince,
      background: valid.background, openIssues: valid.openIssues ?? [], briefingOrder: valid.briefingOrder,
    });
    const wanted = regions.map((slug) => slugs.id('region', slug)).sort();
    const stored = (await manager.find(FrontRegion, { where: { frontId: record.id } })).map((r) => r.regionId).sort();
    if (wanted.join() !== stored.join()) {
      await manager.delete(FrontRegion, { frontId: record.id });
      if (wanted.length > 0) await manager.insert(FrontRegion, wanted.map((regionId) => ({ frontId: record.id, regionId })));
    }
    return record;
  }
}
