import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The text filter compares a stored, folded copy of each event's title and summary (NFC, Unicode lower case), so
 * SQLite, whose lower() and LIKE fold ASCII only, answers as PostgreSQL does. Stored events are backfilled here with
 * the folding the code used when this migration was written. Plain ALTER TABLE … ADD COLUMN on both databases (see
 * the revision migration: TypeORM would rebuild the events table on SQLite).
 */
const fold = (title: string, summary: string): string => `${title}\n${summary}`.normalize('NFC').toLowerCase();

const PAGE = 500;

export class EventSearchText1766000000003 implements MigrationInterface {
  name = 'EventSearchText1766000000003';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    const p = (n: number): string => (postgres ? `$${n}` : '?');
    await runner.query('ALTER TABLE "events" ADD COLUMN "search_text" text NOT NULL DEFAULT \'\'');
    let after = '';
    for (;;) {
      const rows = (await runner.query(
        `SELECT "id", "title", "summary" FROM "events" WHERE "id" > ${p(1)} ORDER BY "id" LIMIT ${PAGE}`,
        [after],
      )) as { id: string; title: string; summary: string }[];
      for (const row of rows)
        await runner.query(`UPDATE "events" SET "search_text" = ${p(1)} WHERE "id" = ${p(2)}`, [
          fold(row.title, row.summary),
          row.id,
        ]);
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].id;
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "events" DROP COLUMN "search_text"');
  }
}
