import type { DataSource, DataSourceOptions, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import type { DatabaseConfig, PostgresPoolConfig } from '../config/config';
import { AppError } from '../errors/app-errors';

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
  /** True when a failed statement broke a unique index (two writers raced to create the same record). */
  isUniqueViolation(error: unknown): boolean;
  /**
   * True when a write failed only because another transaction ran into it: a deadlock, a serialization failure, or
   * a foreign key that a concurrent delete removed. Nothing was saved, and running the whole transaction again is
   * safe and will usually succeed.
   */
  isConcurrencyFailure(error: unknown): boolean;
  /**
   * Makes a read inside a write transaction lock the rows it returns until the transaction ends, so that what is
   * written after it is based on what it read (SELECT … FOR UPDATE where rows can be locked).
   */
  lockForWrite<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T>;
  /** Starts a write transaction on the runner. */
  beginWrite(runner: QueryRunner): Promise<void>;
  /** True when a failure means the database cannot be reached or has no connection free: worth a retry, not a bug. */
  isUnavailable(error: unknown): boolean;
  /**
   * A multi-row `INSERT INTO "table" ("col", …) VALUES (…), (…)` for `rowCount` rows with this database's
   * placeholders, parameters bound row after row in column order. With `ignoreConflicts`, a row that would break a
   * unique constraint is skipped (SQLite `INSERT OR IGNORE`, PostgreSQL `ON CONFLICT DO NOTHING`). Callers keep
   * `rowCount × columns.length` within `maxParameters`.
   */
  insertSql(
    table: string,
    columns: readonly string[],
    rowCount: number,
    options?: { ignoreConflicts?: boolean },
  ): string;
  /**
   * A read without parameters that a hot path runs over and over (the data revision before every cached
   * download): prepared once where the driver allows it. Its rows come back as the driver gives them.
   */
  preparedRead(dataSource: DataSource, sql: string): PreparedRead;
}

export interface PreparedRead {
  run(): Promise<Record<string, unknown>[]>;
  /** Releases the prepared statement; call before the connection closes. */
  close(): Promise<void>;
}

const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;
/** A table path as TypeORM spells it (`table` or `schema.table`), quoted part by part. */
const quoteTable = (path: string): string => path.split('.').map(quoteIdentifier).join('.');

/** The VALUES rows of a multi-row insert; `placeholder(n)` spells the n-th (0-based) bind parameter. */
function valuesList(columnCount: number, rowCount: number, placeholder: (n: number) => string): string {
  if (columnCount < 1 || rowCount < 1)
    throw new Error(`an insert needs at least one row and column (got ${rowCount} x ${columnCount})`);
  const rows = new Array<string>(rowCount);
  const cells = new Array<string>(columnCount);
  for (let r = 0, n = 0; r < rowCount; r++) {
    for (let c = 0; c < columnCount; c++, n++) cells[c] = placeholder(n);
    rows[r] = `(${cells.join(', ')})`;
  }
  return rows.join(', ');
}

/** Builds insert statements for one dialect, remembering the last few (full chunks repeat the same text). */
function insertSqlBuilder(
  build: (table: string, columns: string, values: string, ignoreConflicts: boolean) => string,
  placeholder: (n: number) => string,
) {
  const cache = new Map<string, string>();
  return (
    table: string,
    columns: readonly string[],
    rowCount: number,
    options?: { ignoreConflicts?: boolean },
  ): string => {
    const ignore = options?.ignoreConflicts === true;
    const key = `${table}\u0000${columns.join('\u0000')}\u0000${rowCount}\u0000${ignore}`;
    let sql = cache.get(key);
    if (sql === undefined) {
      sql = build(
        quoteTable(table),
        columns.map(quoteIdentifier).join(', '),
        valuesList(columns.length, rowCount, placeholder),
        ignore,
      );
      if (cache.size >= 32) cache.clear();
      cache.set(key, sql);
    }
    return sql;
  };
}

/** sqlite3's OPEN_READONLY flag (the constant is 1 in every SQLite build). */
const SQLITE_OPEN_READONLY = 1;

/** How long one statement waits for another process's lock before SQLite answers SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;
/**
 * How long a write waits in all for another process's write transaction (a long `sitrep import` holds the lock for
 * as long as it writes) before it is refused with UNAVAILABLE. BEGIN IMMEDIATE is retried until then: nothing
 * has been done yet, so retrying it is always safe.
 */
export const SQLITE_WRITE_WAIT_MS = 60_000;

const isSqliteBusy = (error: unknown): boolean => {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string } | null;
  return e?.code === 'SQLITE_BUSY' || e?.driverError?.code === 'SQLITE_BUSY' || /SQLITE_BUSY/.test(e?.message ?? '');
};

/** Escapes LIKE wildcards so user text matches literally (used with `ESCAPE '\'`). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * sqlite3 as TypeORM's driver, minus its debug mode: TypeORM calls `verbose()`, which wraps every statement in a
 * `new Error()` and inspects its arguments for long stack traces; the profile showed it on every request.
 */
function quietSqlite3(pragmas: readonly string[] = []): unknown {
  // Loaded only when SQLite is the configured database, so a PostgreSQL deployment never loads the native binding.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite3 = require('sqlite3') as { verbose(): unknown; Database: new (...args: unknown[]) => SqliteHandle };
  if (pragmas.length === 0) return { ...sqlite3, verbose: () => sqlite3 };
  // sqlite3 queues statements issued before the file is open and runs them, in order, once it is: these come first.
  class Database extends sqlite3.Database {
    constructor(...args: unknown[]) {
      super(...args);
      // An error here (the file could not be opened) reaches TypeORM through the open callback; nothing to add.
      for (const pragma of pragmas) this.run(`PRAGMA ${pragma}`, () => undefined);
    }
  }
  const driver = { ...sqlite3, Database };
  return { ...driver, verbose: () => driver };
}

interface SqliteHandle {
  run(sql: string, callback: (error: Error | null) => void): unknown;
}

interface SqliteStatement {
  all(callback: (error: Error | null, rows: Record<string, unknown>[]) => void): unknown;
  finalize(callback: () => void): unknown;
}

/**
 * A statement prepared once on the DataSource's sqlite3 connection: preparing it anew cost more than running it.
 * `all` steps it to the end each time, so it never holds a read transaction (or an old snapshot) between runs.
 */
function sqlitePreparedRead(dataSource: DataSource, sql: string): PreparedRead {
  let statement: SqliteStatement | undefined;
  const prepare = (): SqliteStatement => {
    const connection = (
      dataSource.driver as unknown as {
        databaseConnection: { prepare(sql: string, callback: (error: Error | null) => void): SqliteStatement };
      }
    ).databaseConnection;
    const prepared = connection.prepare(sql, (error) => {
      // The failed statement is dropped (its queued run reports the error), so the next run prepares again.
      if (error !== null && statement === prepared) statement = undefined;
    });
    return prepared;
  };
  return {
    run: () =>
      new Promise((resolve, reject) => {
        statement ??= prepare();
        statement.all((error, rows) => (error === null ? resolve(rows) : reject(error)));
      }),
    close: () =>
      new Promise((resolve) => {
        const open = statement;
        statement = undefined;
        if (open === undefined) resolve();
        else open.finalize(() => resolve());
      }),
  };
}

/**
 * The writer's page cache, in KiB (SQLite's negative `cache_size`; its default is 2 MiB). A large import writes
 * rows keyed by random UUIDs into several indexes at once; with the default cache their pages are evicted and read
 * back over and over. It is a ceiling, filled only as pages are used, and it changes nothing about durability.
 */
const SQLITE_WRITER_CACHE_KIB = 65_536;

function sqliteDialect(path: string): Dialect {
  const driver = quietSqlite3();
  const writerDriver = quietSqlite3([`cache_size = -${SQLITE_WRITER_CACHE_KIB}`]);
  return {
    name: 'sqlite',
    options: {
      type: 'sqlite',
      database: path,
      driver: writerDriver,
      enableWAL: path !== ':memory:',
      busyTimeout: SQLITE_BUSY_TIMEOUT_MS,
    },
    // In WAL mode a read-only connection reads the last committed state while the writer works.
    readerOptions:
      path === ':memory:'
        ? null
        : { type: 'sqlite', database: path, driver, flags: SQLITE_OPEN_READONLY, busyTimeout: SQLITE_BUSY_TIMEOUT_MS },
    singleConnection: true,
    // SQLITE_MAX_VARIABLE_NUMBER is 32,766 in the SQLite that sqlite3 6 bundles (3.52); a margin below it.
    maxParameters: 32_000,
    isUniqueViolation: (error) => error instanceof Error && /UNIQUE constraint failed/.test(error.message),
    isUnavailable: isSqliteBusy,
    // One writer at a time, holding the database's write lock from BEGIN IMMEDIATE: no other transaction can meet it.
    isConcurrencyFailure: () => false,
    lockForWrite: (query) => query,
    insertSql: insertSqlBuilder(
      (table, columns, values, ignore) =>
        `INSERT ${ignore ? 'OR IGNORE ' : ''}INTO ${table} (${columns}) VALUES ${values}`,
      () => '?',
    ),
    preparedRead: sqlitePreparedRead,
    async beginWrite(runner) {
      // BEGIN IMMEDIATE takes the write lock up front, so another process's writer waits on busy_timeout
      // instead of failing with SQLITE_BUSY when a deferred transaction tries to upgrade its lock.
      // TypeORM only issues a deferred BEGIN, so the runner's transaction state is set by hand to match.
      // Each attempt waits up to the busy timeout inside SQLite; another process's long transaction gets retries
      // up to SQLITE_WRITE_WAIT_MS, and past that the client is told to try again (never SQLITE_BUSY itself).
      const started = Date.now();
      for (;;) {
        try {
          await runner.query('BEGIN IMMEDIATE');
          break;
        } catch (error) {
          if (!isSqliteBusy(error)) throw error;
          if (Date.now() - started + SQLITE_BUSY_TIMEOUT_MS > SQLITE_WRITE_WAIT_MS) {
            throw new AppError(
              'UNAVAILABLE',
              'The database is busy with another long write (an import?); nothing was saved. Try again shortly.',
            );
          }
        }
      }
      const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
      state.isTransactionActive = true;
      state.transactionDepth = 1;
    },
  };
}

export const DEFAULT_POSTGRES_POOL: PostgresPoolConfig = {
  max: 10,
  connectionTimeoutMillis: 5_000,
  statementTimeoutMillis: 15_000,
};

/** pg's messages when no connection could be had: the pool's wait ran out, or the server is down or restarting. */
const PG_UNAVAILABLE =
  /timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|ECONNRESET|the database system is (?:starting up|shutting down|in recovery)|terminating connection due to administrator command|Client has encountered a connection error/;
const PG_UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  'ECONNREFUSED',
  'ECONNRESET',
]);

/**
 * serialization_failure, deadlock_detected, and foreign_key_violation: slugs and sources are resolved inside the same
 * transaction and only events and assessments are ever deleted, so a missing key means one of them deleted by a
 * concurrent transaction (run again, the write finds it gone and says so).
 */
const PG_CONCURRENCY_CODES = new Set(['40001', '40P01', '23503']);

function postgresDialect(url: string, pool: PostgresPoolConfig = DEFAULT_POSTGRES_POOL): Dialect {
  return {
    name: 'postgres',
    options: {
      type: 'postgres',
      url,
      // Fail fast when the pool is exhausted or a statement runs away, rather than hanging a request.
      extra: {
        max: pool.max,
        connectionTimeoutMillis: pool.connectionTimeoutMillis,
        statement_timeout: pool.statementTimeoutMillis,
        idleTimeoutMillis: 30_000,
      },
    },
    readerOptions: null,
    singleConnection: false,
    // The wire protocol counts bind parameters in 16 bits (65,535); a margin below it.
    maxParameters: 65_000,
    isUniqueViolation: (error) => (error as { driverError?: { code?: string } } | null)?.driverError?.code === '23505',
    isConcurrencyFailure: (error) =>
      PG_CONCURRENCY_CODES.has((error as { driverError?: { code?: string } } | null)?.driverError?.code ?? ''),
    lockForWrite: (query) => query.setLock('pessimistic_write'),
    isUnavailable: (error) => {
      const e = error as { code?: string; driverError?: { code?: string; message?: string }; message?: string } | null;
      const code = e?.driverError?.code ?? e?.code;
      return (
        (code !== undefined && PG_UNAVAILABLE_CODES.has(code)) ||
        PG_UNAVAILABLE.test(`${e?.message ?? ''} ${e?.driverError?.message ?? ''}`)
      );
    },
    insertSql: insertSqlBuilder(
      (table, columns, values, ignore) =>
        `INSERT INTO ${table} (${columns}) VALUES ${values}${ignore ? ' ON CONFLICT DO NOTHING' : ''}`,
      (n) => `$${n + 1}`,
    ),
    // pg sends a parameterless query as one simple-protocol message; nothing to gain from preparing it.
    preparedRead: (dataSource, sql) => ({ run: () => dataSource.query(sql), close: async () => undefined }),
    async beginWrite(runner) {
      await runner.startTransaction('READ COMMITTED');
    },
  };
}

export function dialectFor(config: DatabaseConfig): Dialect {
  return config.type === 'sqlite' ? sqliteDialect(config.path) : postgresDialect(config.url, config.pool);
}
