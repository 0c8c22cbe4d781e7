import { loadConfig } from '../../src/config/config';
import { Database } from '../../src/db/database';
import { LIMITS } from '../../src/entities/limits';
import { createLogger } from '../../src/logging/logger';
import { createTestDatabase, POSTGRES_FLAG, TestDatabase } from '../support/databases';

/*
 * The entities' column lengths read LIMITS, which the validators read too; the tables themselves are built by the
 * hand-written migrations. On a migrated PostgreSQL database (the one that enforces lengths) every column is the
 * type and length its entity declares, so a limit changed in LIMITS without a migration, or a migration that
 * spells a length of its own, fails here rather than as INTERNAL_SERVER_ERROR on a long value.
 */

const postgres = process.env[POSTGRES_FLAG] === 'true' ? describe : describe.skip;

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  len: number | null;
}

postgres('migrated columns [postgres]', () => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    db = await Database.open(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url }).database,
      createLogger('silent'),
    );
    await db.migrate();
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('are the type and length each entity declares from LIMITS, every one of them', async () => {
    const rows: ColumnRow[] = await db.dataSource.query(
      'SELECT table_name, column_name, data_type, character_maximum_length AS len ' +
        "FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrations'",
    );
    const stored = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    const declared = new Map<string, string>();
    for (const meta of db.dataSource.entityMetadatas)
      for (const column of meta.columns) {
        const varchar = column.type === 'varchar' || column.type === 'character varying';
        declared.set(`${meta.tableName}.${column.databaseName}`, varchar ? `varchar(${column.length})` : 'other');
      }
    const actual = (key: string): string => {
      const row = stored.get(key);
      if (row === undefined) return 'missing';
      return row.data_type === 'character varying' ? `varchar(${row.len})` : 'other';
    };
    const differing = [...new Set([...declared.keys(), ...stored.keys()])]
      .sort()
      .map((key) => ({ key, entity: declared.get(key) ?? 'no entity column', table: actual(key) }))
      .filter((c) => c.entity !== c.table);
    expect(differing).toEqual([]);
    // The walk saw the columns that matter: a limit-sized varchar of each kind of table.
    expect(declared.get('events.title')).toBe(`varchar(${LIMITS.eventTitle})`);
    expect(declared.get('editorial_revisions.reason')).toBe(`varchar(${LIMITS.revisionReason})`);
    expect(declared.get('editions.timezone')).toBe(`varchar(${LIMITS.timezone})`);
  });
});
