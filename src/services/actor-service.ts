import { EntityManager } from 'typeorm';
import type { Database } from '../db/database';
import { Actor } from '../entities/actor';
import { validateActor } from '../validation/reference-validation';
import type { ActorInput } from './inputs';
import { SlugResolver } from './slug-resolver';
import { upsertBySlug } from '../db/repositories/reference-repository';
import { isSlug } from '../validation/checks';

export class ActorService {
  constructor(private readonly db: Database) {}

  list(): Promise<Actor[]> {
    return this.db.manager.find(Actor, { order: { name: 'ASC' } });
  }

  bySlug(slug: string): Promise<Actor | null> {
    // A string that cannot be a slug names nothing (and a NUL would fail the query on PostgreSQL).
    if (!isSlug(slug)) return Promise.resolve(null);
    return this.db.manager.findOne(Actor, { where: { slug } });
  }

  upsert(input: ActorInput, field = 'input'): Promise<Actor> {
    const valid = validateActor(input, field);
    return this.db.write((manager) => this.upsertIn(manager, valid, field));
  }

  async upsertIn(manager: EntityManager, valid: Required<ActorInput>, field: string): Promise<Actor> {
    const slugs = new SlugResolver(this.db.dialect.maxParameters);
    slugs.want('region', valid.region, `${field}.region`);
    slugs.want('actor', valid.backedBy, `${field}.backedBy`);
    await slugs.resolve(manager);
    const { record } = await upsertBySlug(manager, Actor, 'actor', {
      slug: valid.slug, name: valid.name, kind: valid.kind, description: valid.description,
      regionId: slugs.optionalId('region', valid.region), backerId: slugs.optionalId('actor', valid.backedBy),
    });
    return record;
  }
}
