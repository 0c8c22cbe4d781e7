import type { Database } from '../db/database';
import type { Repositories, Transaction } from '../db/repositories';
import type { ReferenceRepository } from '../db/repositories/reference-repository';
import { isSlug } from '../validation/checks';
import { SlugResolver } from './slug-resolver';

type SluggedRow = { id: string; slug: string };

/** What one kind of reference record (region, leader, actor, front) adds to the shared service. */
export interface ReferenceSpec<T extends SluggedRow, V> {
  repository(repositories: Repositories): ReferenceRepository<T>;
  /** Checks an input, naming `field` in any error. */
  validate(input: unknown, field: string): V;
  /** Wants the slugs the record names (its parent, region, backer…), each with the field that names it. */
  wantSlugs(valid: V, field: string, slugs: SlugResolver): void;
  /** The record's stored columns, its slugs resolved. */
  values(valid: V, slugs: SlugResolver): Omit<T, 'id'>;
  /** Writes what the record links to beyond its own row (a front's regions). */
  afterUpsert?(tx: Transaction, record: T, valid: V, slugs: SlugResolver): Promise<void>;
}

/** Listing, lookup by slug and upsert by slug, the same for every kind of reference record. */
export class ReferenceService<T extends SluggedRow, I, V = I> {
  constructor(
    protected readonly db: Database,
    private readonly spec: ReferenceSpec<T, V>,
  ) {}

  list(): Promise<T[]> {
    return this.spec.repository(this.db.read).list();
  }

  bySlug(slug: string): Promise<T | null> {
    // A string that cannot be a slug names nothing, without a query (isSlug admits no NUL).
    if (!isSlug(slug)) return Promise.resolve(null);
    return this.spec.repository(this.db.read).bySlug(slug);
  }

  upsert(input: I, field = 'input'): Promise<T> {
    const valid = this.spec.validate(input, field);
    return this.db.write((tx) => this.upsertIn(tx, valid, field));
  }

  /** The upsert inside a transaction the caller holds (seeding writes every record in one). */
  async upsertIn(tx: Transaction, valid: V, field: string): Promise<T> {
    const slugs = new SlugResolver();
    this.spec.wantSlugs(valid, field, slugs);
    await slugs.resolve(tx);
    const { record } = await this.spec.repository(tx).upsert(this.spec.values(valid, slugs));
    await this.spec.afterUpsert?.(tx, record, valid, slugs);
    return record;
  }
}
