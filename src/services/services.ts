import { BriefingService, BriefingServiceOptions } from '../briefings/briefing-service';
import type { Database } from '../db/database';
import type { DeliveryService } from '../mail/delivery-service';
import { BriefingRenderService } from '../output/briefing-render-service';
import type { PdfRenderer } from '../output/pdf/pdf-renderer';
import { ActorService } from './actor-service';
import { ApiKeyService } from './api-key-service';
import { AssessmentService } from './assessment-service';
import { createDocumentServices, DocumentServicesOptions } from './document-services';
import { EditionService } from './edition-service';
import { EventService } from './event-service';
import { FrontHistoryService } from './front-history-service';
import { FrontService } from './front-service';
import { LeaderService } from './leader-service';
import { RegionService } from './region-service';
import { SeedService } from './seed-service';

/** Every service, built once per process over one database. */
export interface Services {
  db: Database;
  regions: RegionService;
  leaders: LeaderService;
  actors: ActorService;
  fronts: FrontService;
  frontHistory: FrontHistoryService;
  events: EventService;
  assessments: AssessmentService;
  keys: ApiKeyService;
  seed: SeedService;
  briefings: BriefingService;
  /** Renders briefings through the shared rendered-output cache. */
  briefingRenders: BriefingRenderService;
  /** The PDF engine: one Chromium started on the first PDF; `close()` it on shutdown. */
  pdf: PdfRenderer;
  /** Sends briefings by email (SMTP or the outbox folder) and records every send. */
  deliveries: DeliveryService;
  /** Published editions: frozen briefings with their stored bytes. */
  editions: EditionService;
}

export function createServices(db: Database, options: BriefingServiceOptions & DocumentServicesOptions = {}): Services {
  const briefings = new BriefingService(db, options);
  const documents = createDocumentServices(db, briefings, options);
  return {
    db,
    regions: new RegionService(db),
    leaders: new LeaderService(db),
    actors: new ActorService(db),
    fronts: new FrontService(db),
    frontHistory: new FrontHistoryService(db),
    events: new EventService(db),
    assessments: new AssessmentService(db),
    keys: new ApiKeyService(db),
    seed: new SeedService(db),
    briefings,
    briefingRenders: new BriefingRenderService(briefings, documents.output),
    pdf: documents.pdf,
    deliveries: documents.deliveries,
    editions: new EditionService(db, briefings, documents.output, options.now),
  };
}
