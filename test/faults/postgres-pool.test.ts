import { loadConfig, ConfigError } from '../../src/config/config';
import { Database } from '../../src/db/database';
import { AppError } from '../../src/errors/app-errors';
import { createLogger } from '../../src/logging/logger';
import { createTestDatabase, POSTGRES_FLAG, TestDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

/**
 * PostgreSQL pool limits: the configured pool size, connection wait and statement timeout reach pg and the
 * server; with every connection held (pool max 1, a pg_sleep holding it), a write fails fast with UNAVAILABLE
 * instead of hanging; a runaway statement is cancelled by the server at the statement timeout.
 */

const postgres = process.env[POSTGRES_FLAG] === 'true' ? describe : describe.skip;

describe('PostgreSQL pool settings (config)', () => {
  it('defaults to max 10, a 5 s connection wait and a 15 s statement timeout', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://u@h/db',
      pool: { max: 10, connectionTimeoutMillis: 5_000, statementTimeoutMillis: 15_000 },
    });
  });
  it('reads and validates SITREP_PG_POOL_MAX, SITREP_PG_CONNECTION_TIMEOUT_MS and SITREP_PG_STATEMENT_TIMEOUT_MS', () => {
    const env = {
      DATABASE_URL: 'postgres://u@h/db',
      SITREP_PG_POOL_MAX: '3',
      SITREP_PG_CONNECTION_TIMEOUT_MS: '250',
      SITREP_PG_STATEMENT_TIMEOUT_MS: '2000',
    };
    expect(loadConfig(env).database).toMatchObject({
      pool: { max: 3, connectionTimeoutMillis: 250, statementTimeoutMillis: 2000 },
    });
    expect(() => loadConfig({ ...env, SITREP_PG_POOL_MAX: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, SITREP_PG_STATEMENT_TIMEOUT_MS: 'never' })).toThrow(
      /SITREP_PG_STATEMENT_TIMEOUT_MS/,
    );
  });
});

postgres('PostgreSQL pool limits [postgres]', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      SITREP_PG_POOL_MAX: '1',
      SITREP_PG_CONNECTION_TIMEOUT_MS: '300',
      SITREP_PG_STATEMENT_TIMEOUT_MS: '1500',
    });
    db = await Database.open(config.database, createLogger('silent'));
    await db.migrate();
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('the values reach pg and the server', async () => {
    const pool = (db.dataSource.driver as unknown as { master: { options: Record<string, unknown> } }).master.options;
    expect(pool).toMatchObject({ max: 1, connectionTimeoutMillis: 300, statement_timeout: 1500 });
    expect(await db.manager.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '1500ms' }]);
  });

  it('an exhausted pool fails a write fast with UNAVAILABLE, not a hang', async () => {
    const holding = db.manager.query('SELECT pg_sleep(1)');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const error = await db
      .write((manager) => manager.query('SELECT 1'))
      .then(
        () => null,
        (e: unknown) => e,
      );
    const waited = Date.now() - started;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNAVAILABLE');
    expect(waited).toBeLessThan(900);
    await holding;
    // Once the connection is back, writes work again.
    await expect(db.write((manager) => manager.query('SELECT 1 AS one'))).resolves.toEqual([{ one: 1 }]);
  });

  it('a runaway statement is cancelled at the statement timeout', async () => {
    const started = Date.now();
    await expect(db.manager.query('SELECT pg_sleep(5)')).rejects.toThrow(/statement timeout/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

postgres('a read while no connection can be had [postgres]', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('postgres', { SITREP_PG_POOL_MAX: '1', SITREP_PG_CONNECTION_TIMEOUT_MS: '300' });
  });
  afterAll(() => server?.stop());

  it('answers UNAVAILABLE, not an internal error, and works again afterwards', async () => {
    const holding = server.services.db.manager.query('SELECT pg_sleep(1)');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const res = await server.gql('{ fronts { slug } }');
    expect(firstError(res)).toMatchObject({ code: 'UNAVAILABLE' });
    expect(JSON.stringify(res)).not.toMatch(/timeout exceeded|pg|connect/i);
    await holding;
    expect((await server.gql<{ fronts: unknown[] }>('{ fronts { slug } }')).data!.fronts).toHaveLength(5);
  });
});
