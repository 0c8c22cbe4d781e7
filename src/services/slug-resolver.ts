import type { ReferenceKind, Repositories } from '../db/repositories';
import { badInput } from '../errors/app-errors';

export type SlugKind = ReferenceKind;

const KINDS: readonly SlugKind[] = ['front', 'region', 'leader', 'actor'];

/**
 * Collects the slugs an input names, with the field that named each first, then turns them into ids with one
 * query per kind. An unknown slug is a BAD_USER_INPUT error naming that field.
 */
export class SlugResolver {
  private readonly wanted: Record<SlugKind, Map<string, string>> = {
    front: new Map(),
    region: new Map(),
    leader: new Map(),
    actor: new Map(),
  };
  private readonly ids: Record<SlugKind, Map<string, string>> = {
    front: new Map(),
    region: new Map(),
    leader: new Map(),
    actor: new Map(),
  };

  want(kind: SlugKind, slug: string | null | undefined, field: string): void {
    if (slug && !this.wanted[kind].has(slug)) this.wanted[kind].set(slug, field);
  }

  wantAll(kind: SlugKind, slugs: readonly string[], field: string): void {
    slugs.forEach((slug, i) => this.want(kind, slug, `${field}[${i}]`));
  }

  /** Looks up every wanted slug; unknown ones are left out (see `has`). */
  async lookup(repositories: Repositories): Promise<void> {
    for (const kind of KINDS) {
      const slugs = [...this.wanted[kind].keys()].filter((s) => !this.ids[kind].has(s));
      if (slugs.length === 0) continue;
      for (const [slug, id] of await repositories.references(kind).idsBySlug(slugs)) this.ids[kind].set(slug, id);
    }
  }

  /** Looks up every wanted slug and throws BAD_USER_INPUT, naming the field, for the first unknown one. */
  async resolve(repositories: Repositories): Promise<void> {
    await this.lookup(repositories);
    for (const kind of KINDS) {
      for (const [slug, field] of this.wanted[kind]) {
        if (!this.ids[kind].has(slug)) throw badInput(field, `unknown ${kind} "${slug}"`);
      }
    }
  }

  /** After `lookup`: whether any wanted slug was not found. */
  anyUnknown(): boolean {
    return KINDS.some((kind) => [...this.wanted[kind].keys()].some((slug) => !this.ids[kind].has(slug)));
  }

  has(kind: SlugKind, slug: string): boolean {
    return this.ids[kind].has(slug);
  }

  id(kind: SlugKind, slug: string): string {
    const id = this.ids[kind].get(slug);
    if (id === undefined) throw new Error(`slug ${kind}:${slug} was not resolved`);
    return id;
  }

  optionalId(kind: SlugKind, slug: string | null): string | null {
    return slug === null ? null : this.id(kind, slug);
  }
}
