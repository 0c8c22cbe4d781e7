import { EntityManager } from 'typeorm';
import type { Database } from '../db/database';
import { Leader } from '../entities/leader';
import { validateLeader } from '../validation/reference-validation';
import type { LeaderInput } from './inputs';
import { SlugResolver } from './slug-resolver';
import { upsertBySlug } from '../db/repositories/reference-repository';
import { isSlug } from '../validation/checks';

export class LeaderService {
  constructor(private readonly db: Database) {}

  list(): Promise<Leader[]> {
    return this.db.manager.find(Leader, { order: { name: 'ASC' } });
  }

  bySlug(slug: string): Promise<Leader | null> {
    // A string that cannot be a slug names nothing (and a NUL would fail the query on PostgreSQL).
    if (!isSlug(slug)) return Promise.resolve(null);
    return this.db.manager.findOne(Leader, { where: { slug } });
  }

  upsert(input: LeaderInput, field = 'input'): Promise<Leader> {
    const valid = validateLeader(input, field);
    return this.db.write((manager) => this.upsertIn(manager, valid, field));
  }

  async upsertIn(manager: EntityManager, valid: Required<LeaderInput>, field: string): Promise<Leader> {
    const slugs = new SlugResolver(this.db.dialect.maxParameters);
    slugs.want('region', valid.region, `${field}.region`);
    await slugs.resolve(manager);
    const { record } = await upsertBySlug(manager, Leader, 'leader', {
      slug: valid.slug, name: valid.name, office: valid.office, regionId: slugs.optionalId('region', valid.region),
      tenureStart: valid.tenureStart, tenureEnd: valid.tenureEnd,
    });
    return record;
  }
}
