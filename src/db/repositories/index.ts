import type { EntityManager } from 'typeorm';
import { Actor } from '../../entities/actor';
import type { Delivery } from '../../entities/delivery';
import type { Edition } from '../../entities/edition';
import { Leader } from '../../entities/leader';
import { Region } from '../../entities/region';
import type { Dialect } from '../dialect';
import { ApiKeyRepository } from './api-key-repository';
import { AssessmentRepository } from './assessment-repository';
import { BriefingReadRepository } from './briefing-read-repository';
import { ChangeLogRepository, ChangeSink, ignoreChanges, LoggedChange, PreparedQuery } from './change-log-repository';
import { DeliveryRepository } from './delivery-repository';
import { EditionRepository } from './edition-repository';
import { EditorialRevisionRepository } from './editorial-revision-repository';
import { EventRepository } from './event-repository';
import { FrontHistoryRepository } from './front-history-repository';
import { FrontRepository, ReferenceKind, ReferenceRepository } from './reference-repository';
import { RelationRepository } from './relation-repository';

/**
 * Every repository, bound to one connection: the read connection (`Database.read`) or one write transaction
 * (what `Database.write` hands its work).
 */
export class Repositories {
  readonly events: EventRepository;
  readonly assessments: AssessmentRepository;
  readonly regions: ReferenceRepository<Region>;
  readonly leaders: ReferenceRepository<Leader>;
  readonly actors: ReferenceRepository<Actor>;
  readonly fronts: FrontRepository;
  readonly frontHistory: FrontHistoryRepository;
  readonly editorialRevisions: EditorialRevisionRepository;
  readonly changeLog: ChangeLogRepository;
  readonly briefingReads: BriefingReadRepository;
  readonly relations: RelationRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly deliveries: DeliveryRepository;
  readonly editions: EditionRepository;

  constructor(
    protected readonly manager: EntityManager,
    dialect: Dialect,
    prepared: PreparedQuery = (sql) => manager.query(sql),
    written: Partial<WrittenRecords> = {},
  ) {
    const logged = written.changes ?? ignoreChanges;
    this.events = new EventRepository(manager, dialect, logged);
    this.assessments = new AssessmentRepository(manager, dialect, logged);
    this.regions = new ReferenceRepository(manager, dialect, Region, 'region', { name: 'ASC' }, logged);
    this.leaders = new ReferenceRepository(manager, dialect, Leader, 'leader', { name: 'ASC' }, logged);
    this.actors = new ReferenceRepository(manager, dialect, Actor, 'actor', { name: 'ASC' }, logged);
    this.fronts = new FrontRepository(manager, dialect, logged);
    this.frontHistory = new FrontHistoryRepository(manager, dialect, logged);
    this.editorialRevisions = new EditorialRevisionRepository(manager, dialect);
    this.changeLog = new ChangeLogRepository(manager, prepared);
    this.briefingReads = new BriefingReadRepository(manager, dialect);
    this.relations = new RelationRepository(manager);
    this.apiKeys = new ApiKeyRepository(manager);
    this.deliveries = new DeliveryRepository(manager, written.delivery);
    this.editions = new EditionRepository(manager, written.edition);
  }

  /** The repository of one kind of reference record. */
  references(kind: ReferenceKind): ReferenceRepository<Region | Leader | Actor> | FrontRepository {
    switch (kind) {
      case 'region':
        return this.regions;
      case 'leader':
        return this.leaders;
      case 'actor':
        return this.actors;
      case 'front':
        return this.fronts;
    }
  }
}

/** Who hears what a write transaction's repositories write. */
interface WrittenRecords {
  changes: ChangeSink;
  delivery: (id: string) => void;
  edition: (edition: Edition) => void;
}

/** What one committed write transaction changed: Database.write hands it to its commit listeners. */
export interface CommittedWrite {
  /** The data's revision as the transaction saw it last: its own newest change-log entry, or a later one's. */
  revision: number;
  /** The change-log entries it inserted, in order. */
  changes: readonly LoggedChange[];
  /** The deliveries it recorded or updated, as it left them. */
  deliveries: readonly Delivery[];
  /** The editions it published. */
  editions: readonly Edition[];
}

/** The repositories of one write transaction: everything done through them commits together or not at all. */
export class Transaction extends Repositories {
  /** What this transaction wrote so far; told to listeners only once it has committed. */
  readonly written: { changes: LoggedChange[]; deliveryIds: string[]; editions: Edition[] };

  constructor(manager: EntityManager, dialect: Dialect) {
    const written = { changes: [] as LoggedChange[], deliveryIds: [] as string[], editions: [] as Edition[] };
    super(manager, dialect, undefined, {
      changes: (entries) => written.changes.push(...entries),
      delivery: (id) => written.deliveryIds.push(id),
      edition: (edition) => written.editions.push(edition),
    });
    this.written = written;
  }

  /**
   * What this transaction wrote, read inside it just before it commits (so that the reads belong to the write, not
   * to whatever request comes next); null when it logged no change and recorded no delivery or edition.
   */
  async summary(): Promise<CommittedWrite | null> {
    const { changes, deliveryIds, editions } = this.written;
    if (changes.length === 0 && deliveryIds.length === 0 && editions.length === 0) return null;
    const revision = changes.length === 0 ? 0 : await this.changeLog.revision();
    const deliveries: Delivery[] = [];
    for (const id of new Set(deliveryIds)) {
      const delivery = await this.deliveries.byId(id);
      if (delivery !== null) deliveries.push(delivery);
    }
    return { revision, changes, deliveries, editions };
  }

  /** Raw SQL in the transaction, for tests and diagnostics; code in src/ goes through the repositories. */
  query(sql: string, parameters?: unknown[]): Promise<unknown> {
    return this.manager.query(sql, parameters);
  }
}

export type { ReferenceKind } from './reference-repository';
export type { LoggedChange } from './change-log-repository';
