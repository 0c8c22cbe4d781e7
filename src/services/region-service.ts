import { EntityManager } from 'typeorm';
import type { Database } from '../db/database';
import { Region } from '../entities/region';
import { validateRegion } from '../validation/reference-validation';
import type { RegionInput } from './inputs';
import { SlugResolver } from './slug-resolver';
import { upsertBySlug } from '../db/repositories/reference-repository';
import { isSlug } from '../validation/checks';

export class RegionService {
  constructor(private readonly db: Database) {}

  list(): Promise<Region[]> {
    return this.db.manager.find(Region, { order: { name: 'ASC' } });
  }

  bySlug(slug: string): Promise<Region | null> {
    // A string that cannot be a slug names nothing (and a NUL would fail the query on PostgreSQL).
    if (!isSlug(slug)) return Promise.resolve(null);
    return this.db.manager.findOne(Region, { where: { slug } });
  }

  upsert(input: RegionInput, field = 'input'): Promise<Region> {
    const valid = validateRegion(input, field);
    return this.db.write((manager) => this.upsertIn(manager, valid, field));
  }

  async upsertIn(manager: EntityManager, valid: Required<RegionInput>, field: string): Promise<Region> {
    const slugs = new SlugResolver(this.db.dialect.maxParameters);
    slugs.want('region', valid.parent, `${field}.parent`);
    await slugs.resolve(manager);
    const { record } = await upsertBySlug(manager, Region, 'region', {
      slug: valid.slug, name: valid.name, kind: valid.kind, isoCode: valid.isoCode, parentId: slugs.optionalId('region', valid.parent),
    });
    return record;
  }
}
