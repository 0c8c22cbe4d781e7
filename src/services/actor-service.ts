import type { Database } from '../db/database';
import { Actor } from '../entities/actor';
import type { ActorInput } from '../validation/inputs';
import { validateActor } from '../validation/reference-validation';
import { ReferenceService } from './reference-service';

export class ActorService extends ReferenceService<Actor, ActorInput, Required<ActorInput>> {
  constructor(db: Database) {
    super(db, {
      repository: (repositories) => repositories.actors,
      validate: validateActor,
      wantSlugs: (valid, field, slugs) => {
        slugs.want('region', valid.region, `${field}.region`);
        slugs.want('actor', valid.backedBy, `${field}.backedBy`);
      },
      values: (valid, slugs) => ({
        slug: valid.slug,
        name: valid.name,
        kind: valid.kind,
        description: valid.description,
        regionId: slugs.optionalId('region', valid.region),
        backerId: slugs.optionalId('actor', valid.backedBy),
      }),
    });
  }
}
