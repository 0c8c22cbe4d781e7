import type { Database } from '../db/database';
import { Region } from '../entities/region';
import type { RegionInput } from '../validation/inputs';
import { validateRegion } from '../validation/reference-validation';
import { ReferenceService } from './reference-service';

export class RegionService extends ReferenceService<Region, RegionInput, Required<RegionInput>> {
  constructor(db: Database) {
    super(db, {
      repository: (repositories) => repositories.regions,
      validate: validateRegion,
      wantSlugs: (valid, field, slugs) => slugs.want('region', valid.parent, `${field}.parent`),
      values: (valid, slugs) => ({
        slug: valid.slug,
        name: valid.name,
        kind: valid.kind,
        isoCode: valid.isoCode,
        parentId: slugs.optionalId('region', valid.parent),
      }),
    });
  }
}
