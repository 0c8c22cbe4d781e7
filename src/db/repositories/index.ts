import type { EntityManager } from 'typeorm';
import { Actor } from '../../entities/actor';
import { Leader } from '../../entities/leader';
import { Region } from '../../entities/region';
import type { Dialect } from '../dialect';
import { ApiKeyRepository } from './api-key-repository';
import { BriefingReadRepository } from './briefing-read-repository';
import { ChangeLogRepository, PreparedQuery } from './change-log-repository';
import { DeliveryRepository } from './delivery-repository';
import { EventRepository } from './event-repository';
import { FrontRepository, ReferenceKind, ReferenceRepository } from './reference-repository';
import { RelationRepository } from './relation-repository';

/**
 * Every repository, bound to one connection: the read connection (`Database.read`) or one write transaction
 * (what `Database.write` hands its work).
 */
export class Repositories {
  readonly events: EventRepository;
  readonly regions: ReferenceRepository<Region>;
  readonly leaders: ReferenceRepository<Leader>;
  readonly actors: ReferenceRepository<Actor>;
  readonly fronts: FrontRepository;
  readonly changeLog: ChangeLogRepository;
  readonly briefingReads: BriefingReadRepository;
  readonly relations: RelationRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly deliveries: DeliveryRepository;

  constructor(
    protected readonly manager: EntityManager,
    dialect: Dialect,
    prepared: PreparedQuery = (sql) => manager.query(sql),
  ) {
    this.events = new EventRepository(manager, dialect);
    this.regions = new ReferenceRepository(manager, dialect, Region, 'region', { name: 'ASC' });
    this.leaders = new ReferenceRepository(manager, dialect, Leader, 'leader', { name: 'ASC' });
    this.actors = new ReferenceRepository(manager, dialect, Actor, 'actor', { name: 'ASC' });
    this.fronts = new FrontRepository(manager, dialect);
    this.changeLog = new ChangeLogRepository(manager, prepared);
    this.briefingReads = new BriefingReadRepository(manager, dialect);
    this.relations = new RelationRepository(manager);
    this.apiKeys = new ApiKeyRepository(manager);
    this.deliveries = new DeliveryRepository(manager);
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

/** The repositories of one write transaction: everything done through them commits together or not at all. */
export class Transaction extends Repositories {
  /** Raw SQL in the transaction, for tests and diagnostics; code in src/ goes through the repositories. */
  query(sql: string, parameters?: unknown[]): Promise<unknown> {
    return this.manager.query(sql, parameters);
  }
}

export type { ReferenceKind } from './reference-repository';
