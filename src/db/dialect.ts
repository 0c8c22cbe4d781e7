import type { DataSourceOptions, QueryRunner } from 'typeorm';
import type { DatabaseConfig } from '../config/config';

/**
 * The one place that knows which database is underneath. Everything else speaks TypeORM and asks here when
 * SQL differs between SQLite and PostgreSQL.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Connection options for TypeORM. */
  readonly options: DataSourceOptions;
  /** True when all work shares one connection, so write transactions must be serialised in-process. */
  readonly singleConnection: boolean;
  /** Bind parameters one statement may carry. */
  readonly maxParameters: number;
  /** A case-insensitive substring match of `column` against the named parameter. */
  containsInsensitive(column: string, parameter: string): string;
  /** Starts a write transaction on the runner. */
  beginWrite(runner: QueryRunner): Promise<void>;
}

/** Escapes LIKE wildcards so user text matches literally (used with `ESCAPE '\'`). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function sqliteDialect(path: string): Dialect {
  return {
    name: 'sqlite',
    options: { type: 'sqlite', database: path, enableWAL: path !== ':memory:', busyTimeout: 10_000 },
    singleConnection: true,
    maxParameters: 32_000,
    // SQLite's LIKE is case-insensitive for ASCII; lower() on both sides extends that to the rest of its range.
    containsInsensitive: (column, parameter) => `lower(${column}) LIKE lower(:${parameter}) ESCAPE '\\'`,
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
    singleConnection: false,
    maxParameters: 65_000,
    containsInsensitive: (column, parameter) => `${column} ILIKE :${parameter} ESCAPE '\\'`,
    async beginWrite(runner) {
      await runner.startTransaction('READ COMMITTED');
    },
  };
}

export function dialectFor(config: DatabaseConfig): Dialect {
  return config.type === 'sqlite' ? sqliteDialect(config.path) : postgresDialect(config.url);
}
