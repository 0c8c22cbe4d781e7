import type { Database } from '../db/database';
import { Leader } from '../entities/leader';
import type { LeaderInput } from '../validation/inputs';
import { validateLeader } from '../validation/reference-validation';
import { ReferenceService } from './reference-service';

export class LeaderService extends ReferenceService<Leader, LeaderInput, Required<LeaderInput>> {
  constructor(db: Database) {
    super(db, {
      repository: (repositories) => repositories.leaders,
      validate: validateLeader,
      wantSlugs: (valid, field, slugs) => slugs.want('region', valid.region, `${field}.region`),
      values: (valid, slugs) => ({
        slug: valid.slug,
        name: valid.name,
        office: valid.office,
        regionId: slugs.optionalId('region', valid.region),
        tenureStart: valid.tenureStart,
        tenureEnd: valid.tenureEnd,
      }),
    });
  }
}
