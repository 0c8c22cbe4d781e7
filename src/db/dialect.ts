import type { DataSourceOptions, QueryRunner } from 'typeorm';
import type { DatabaseConfig } from '../config/config';

/**
 * The one place that knows which database is underneath. Everything else speaks TypeORM and asks here when
 * SQL differs between SQLite and PostgreSQL.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Connection options for TypeORM: the connection that migrates and writes. */
  readonly options: DataSourceOptions;
  /**
   * Options for a separate read connection, where the database needs one. SQLite shares one connection per
   * DataSource, so without it a read issued during a write transaction would see that transaction's uncommitted rows.
   */
  readonly readerOptions: DataSourceOptions | null;
  /** True when all work shares one connection, so write transactions must be serialised in-process. */
  readonly singleConnection: boolean;
  /** Bind parameters one statement may carry. */
  readonly maxParameters: number;
  /** A case-insensitive substring match of `column` against the named parameter. */
  containsInsensitive(column: string, parameter: string): string;
  /** True when a failed statement broke a unique index (two writers raced to create the same record). */
  isUniqueViolation(error: unknown): boolean;
  /** Starts a write transaction on the runner. */
  beginWrite(runner: QueryRunner): Promise<void>;
}

/** sqlite3's OPEN_READONLY flag (the constant is 1 in every SQLite build). */
const SQLITE_OPEN_READONLY = 1;

/** Escapes LIKE wildcards so user text matches literally (used with `ESCAPE '\'`). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function sqliteDialect(path: string): Dialect {
  return {
    name: 'sqlite',
    options: { type: 'sqlite', database: path, enableWAL: path !== ':memory:', busyTimeout: 10_000 },
    // In WAL mode a read-only connection reads the last committed state while the writer works.
    readerOptions: path === ':memory:' ? null : { type: 'sqlite', database: path, flags: SQLITE_OPEN_READONLY, busyTimeout: 10_000 },
    singleConnection: true,
    maxParameters: 32_000,
    // SQLite's LIKE is case-insensitive for ASCII; lower() on both sides extends that to the rest of its range.
    containsInsensitive: (column, parameter) => `lower(${column}) LIKE lower(:${parameter}) ESCAPE '\\'`,
    isUniqueViolation: (error) => error instanceof Error && /UNIQUE constraint failed/.test(error.message),
    async beginWrite(runner) {
      // BEGIN IMMEDIATE takes the write lock up front, so another process's writer waits on busy_timeout
      // instead of failing with SQLITE_BUSY when a deferred transaction tries to upgrade its lock.
      // TypeORM only issues a deferred BEGIN, so the runner's transaction state is set by hand to match.
      await runner.query('BEGIN IMMEDIATE');
      const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
      state.isTransactionActive = true;
      state.transactionDepth = 1;
    },
  };
}

function postgresDialect(url: string): Dialect {
  return {
    name: 'postgres',
    options: {
      type: 'postgres',
      url,
      // Fail fast when the pool is exhausted or a statement runs away, rather than hanging a request.
      extra: { max: 10, connectionTimeoutMillis: 5_000, statement_timeout: 15_000, idleTimeoutMillis: 30_000 },
    },
    readerOptions: null,
    singleConnection: false,
    maxParameters: 65_000,
    containsInsensitive: (column, parameter) => `${column} ILIKE :${parameter} ESCAPE '\\'`,
    isUniqueViolation: (error) => (error as { driverError?: { code?: string } } | null)?.driverError?.code === '23505',
    async beginWrite(runner) {
      await runner.startTransaction('READ COMMITTED');
    },
  };
}

export function dialectFor(config: DatabaseConfig): Dialect {
  return config.type === 'sqlite' ? sqliteDialect(config.path) : postgresDialect(config.url);
}
