import type { Database } from '../db/database';
import { Front } from '../entities/front';
import type { FrontInput } from '../validation/inputs';
import { validateFront } from '../validation/reference-validation';
import { ReferenceService } from './reference-service';

/** Fronts, listed in briefing order, with the regions each covers. */
export class FrontService extends ReferenceService<Front, FrontInput, Required<FrontInput>> {
  constructor(db: Database) {
    super(db, {
      repository: (repositories) => repositories.fronts,
      validate: validateFront,
      wantSlugs: (valid, field, slugs) => slugs.wantAll('region', valid.regions ?? [], `${field}.regions`),
      values: (valid) => ({
        slug: valid.slug,
        name: valid.name,
        briefingOrder: valid.briefingOrder,
      }),
      afterUpsert: (tx, record, valid, slugs) =>
        tx.fronts.setRegions(
          record.id,
          (valid.regions ?? []).map((slug) => slugs.id('region', slug)),
        ),
    });
  }
}
