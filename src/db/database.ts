import fs from 'node:fs';
import path from 'node:path';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { ENTITIES } from '../entities';
import { AppError } from '../errors/app-errors';
import type { Logger } from '../logging/logger';
import { Dialect, dialectFor, PreparedRead } from './dialect';
import { MIGRATIONS } from './migrations';
import { CommittedWrite, Repositories, Transaction } from './repositories';
import { StatementLogger } from './statement-logger';

/** How many times a write transaction that lost a race is run before the client is told CONFLICT. */
const WRITE_ATTEMPTS = 4;

/** No connection could be had (pool exhausted, server restarting): the client may retry; nothing was saved. */
const unavailable = (): AppError =>
  new AppError(
    'UNAVAILABLE',
    'The database is unavailable or busy at the moment; nothing was saved. Try again shortly.',
  );

/**
 * The database handle every service receives: the repositories over the read connection (`read`) and the one way
 * to write (`write`, which hands its work the repositories bound to one transaction). TypeORM's DataSource and the
 * dialect stay inside src/db/ (tests may reach them). `synchronize` is never on: the schema comes only from the
 * reviewed migrations.
 */
export class Database {
  private readonly writeLock = new Mutex();
  private readonly preparedReads = new Map<string, PreparedRead>();
  /** The repositories over the read connection: they see only committed data. */
  readonly read: Repositories;
  private readonly commitListeners: ((write: CommittedWrite) => void)[] = [];

  private constructor(
    /** The connection that migrates and writes. */
    readonly dataSource: DataSource,
    /** The connection reads go to: the same one, or a read-only one where the dialect needs it. */
    private readonly readSource: DataSource,
    readonly dialect: Dialect,
    private readonly statements: StatementLogger,
  ) {
    this.read = new Repositories(readSource.manager, dialect, (sql) => this.readPrepared(sql));
  }

  static async open(config: DatabaseConfig, log: Logger): Promise<Database> {
    if (config.type === 'sqlite' && config.path !== ':memory:')
      fs.mkdirSync(path.dirname(config.path), { recursive: true });
    const dialect = dialectFor(config);
    const statements = new StatementLogger(log);
    const common = {
      entities: ENTITIES,
      synchronize: false,
      logging: ['query', 'error', 'warn', 'migration'] as const,
      logger: statements,
      maxQueryExecutionTime: 1_000,
    };
    const dataSource = new DataSource({
      ...dialect.options,
      ...common,
      logging: [...common.logging],
      migrations: MIGRATIONS,
      migrationsTransactionMode: 'each',
    });
    await dataSource.initialize();
    if (dialect.readerOptions === null) return new Database(dataSource, dataSource, dialect, statements);
    const reader = new DataSource({ ...dialect.readerOptions, ...common, logging: [...common.logging] });
    try {
      await reader.initialize();
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
    return new Database(dataSource, reader, dialect, statements);
  }

  /** The read connection's EntityManager, for tests; code in src/ reads through `read`. */
  get manager(): EntityManager {
    return this.readSource.manager;
  }

  /**
   * Runs a parameterless read that hot paths repeat, prepared once per connection where the driver allows
   * (dialect.preparedRead). It is counted like every other statement.
   */
  private async readPrepared(sql: string): Promise<Record<string, unknown>[]> {
    let read = this.preparedReads.get(sql);
    if (read === undefined) {
      read = this.dialect.preparedRead(this.readSource, sql);
      this.preparedReads.set(sql, read);
    }
    this.statements.logQuery(sql);
    return read.run();
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
   * one connection, so writes queue here and can never interleave; a failing one rolls back alone. On PostgreSQL a
   * transaction that only lost a race (a deadlock, a serialization failure, a row deleted under it) is run again,
   * from the start, a few times; past that the client is told CONFLICT, which it may retry.
   */
  async write<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeOnce(work);
      } catch (error) {
        if (!this.dialect.isConcurrencyFailure(error)) throw error;
        if (attempt >= WRITE_ATTEMPTS) {
          throw new AppError(
            'CONFLICT',
            'Other writes to the same records kept getting in the way; nothing was saved. Try again.',
          );
        }
        // A little jitter, so two transactions that deadlocked do not meet again at once.
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 20 * attempt)));
      }
    }
  }

  /**
   * Calls `listener` after every write transaction that commits having logged a change or recorded a delivery
   * (never for one that rolls back, nor for an attempt that lost a race and ran again), with what it wrote (read
   * inside the transaction). It runs after the commit, before `write` returns, and must not throw: what it does
   * with the news (publishing) is its own business.
   */
  onCommit(listener: (write: CommittedWrite) => void): () => void {
    this.commitListeners.push(listener);
    return () => {
      const at = this.commitListeners.indexOf(listener);
      if (at >= 0) this.commitListeners.splice(at, 1);
    };
  }

  private notifyCommitted(write: CommittedWrite | null): void {
    if (write === null) return;
    for (const listener of [...this.commitListeners]) {
      try {
        listener(write);
      } catch {
        // The write has committed: a listener's failure is no reason to tell the writer otherwise.
      }
    }
  }

  private async writeOnce<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.connect();
      } catch (error) {
        await runner.release().catch(() => undefined);
        throw this.dialect.isUnavailable(error) ? unavailable() : error;
      }
      try {
        await this.dialect.beginWrite(runner);
        try {
          const tx = new Transaction(runner.manager, this.dialect);
          const result = await work(tx);
          const written = this.commitListeners.length === 0 ? null : await tx.summary();
          await runner.commitTransaction();
          this.notifyCommitted(written);
          return result;
        } catch (error) {
          if (runner.isTransactionActive) await runner.rollbackTransaction();
          if (this.dialect.isUniqueViolation(error)) {
            throw new AppError(
              'CONFLICT',
              'Another write created or changed the same record at the same moment; nothing was saved. Try again.',
            );
          }
          if (this.dialect.isUnavailable(error)) throw unavailable();
          throw error;
        }
      } finally {
        await runner.release();
      }
    };
    return this.dialect.singleConnection ? this.writeLock.runExclusive(run) : run();
  }

  /** Which database this is, for logs and diagnostics. */
  get engine(): Dialect['name'] {
    return this.dialect.name;
  }

  /** True when a failure means the database cannot be reached or has no connection free: worth a retry, not a bug. */
  isUnavailable(error: unknown): boolean {
    return this.dialect.isUnavailable(error);
  }

  /** An error of the database being unreachable or out of connections as UNAVAILABLE; any other error as it is. */
  asAppError(error: unknown): unknown {
    return this.dialect.isUnavailable(error) ? unavailable() : error;
  }

  /** True when the database answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      await this.readSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    // Let a queued write finish before the connection goes.
    await this.writeLock.waitForUnlock();
    // sqlite3 refuses to close a connection that still has prepared statements.
    await Promise.all([...this.preparedReads.values()].map((read) => read.close()));
    this.preparedReads.clear();
    if (this.readSource !== this.dataSource && this.readSource.isInitialized) await this.readSource.destroy();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
