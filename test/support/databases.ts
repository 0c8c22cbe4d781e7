import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** The PostgreSQL server the suite runs against; CI must have it, a laptop may not. */
export const POSTGRES_ADMIN_URL = process.env.SITREP_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * Checked once, in Jest's global setup, so every suite knows before it is defined whether its PostgreSQL half runs.
 * In CI (CI=true) an unreachable server fails the run instead of skipping.
 */
export async function checkPostgres(): Promise<boolean> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(
        `PostgreSQL tests must run in CI, but ${POSTGRES_ADMIN_URL} does not answer: ${(error as Error).message}`,
      );
    process.stderr.write(
      `\n\n!!! PostgreSQL at ${POSTGRES_ADMIN_URL} does not answer: the PostgreSQL half of the suite is SKIPPED !!!\n\n`,
    );
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const POSTGRES_FLAG = 'SITREP_TEST_POSTGRES_AVAILABLE';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the given kind: a SQLite file in a temp folder, or a new PostgreSQL database. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-test-'));
    return {
      url: `sqlite:${path.join(dir, 'sitrep.sqlite')}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `sitrep_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Runs a suite once per database. The PostgreSQL run is skipped (loudly, by global setup) only when no server
 * answers outside CI.
 */
export function describeEachDatabase(title: string, suite: (kind: DatabaseKind) => void): void {
  describe(`${title} [sqlite]`, () => suite('sqlite'));
  const postgres = process.env[POSTGRES_FLAG] === 'true' ? describe : describe.skip;
  postgres(`${title} [postgres]`, () => suite('postgres'));
}
