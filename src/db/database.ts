import fs from 'node:fs';
import path from 'node:path';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { ENTITIES } from '../entities';
import type { Logger } from '../logging/logger';
import { Dialect, dialectFor } from './dialect';
import { MIGRATIONS } from './migrations';
import { StatementLogger } from './statement-logger';

/**
 * The database handle every service receives: TypeORM's DataSource, the dialect, and the one way to write.
 * `synchronize` is never on: the schema comes only from the reviewed migrations.
 */
export class Database {
  private readonly writeLock = new Mutex();

  private constructor(
    readonly dataSource: DataSource,
    readonly dialect: Dialect,
    private readonly statements: StatementLogger,
  ) {}

  static async open(config: DatabaseConfig, log: Logger): Promise<Database> {
    if (config.type === 'sqlite' && config.path !== ':memory:') fs.mkdirSync(path.dirname(config.path), { recursive: true });
    const dialect = dialectFor(config);
    const statements = new StatementLogger(log);
    const dataSource = new DataSource({
      ...dialect.options,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      migrationsTransactionMode: 'each',
      synchronize: false,
      logging: ['query', 'error', 'warn', 'migration'],
      logger: statements,
      maxQueryExecutionTime: 1_000,
    });
    await dataSource.initialize();
    return new Database(dataSource, dialect, statements);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** SQL statements sent since the database was opened. */
  get statementCount(): number {
    return this.statements.count;
  }

  /** Applies pending migrations; returns their names. */
  async migrate(): Promise<string[]> {
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  }

  async pendingMigrations(): Promise<boolean> {
    return this.dataSource.showMigrations();
  }

  /**
   * Runs `work` in one write transaction: all of it commits or none of it does. On SQLite every write shares
   * one connection, so writes queue here and can never interleave; a failing one rolls back alone.
   */
  async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await this.dialect.beginWrite(runner);
        try {
          const result = await work(runner.manager);
          await runner.commitTransaction();
          return result;
        } catch (error) {
          if (runner.isTransactionActive) await runner.rollbackTransaction();
          throw error;
        }
      } finally {
        await runner.release();
      }
    };
    return this.dialect.singleConnection ? this.writeLock.runExclusive(run) : run();
  }

  /** True when the database answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    // Let a queued write finish before the connection goes.
    await this.writeLock.waitForUnlock();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
