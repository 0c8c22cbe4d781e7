import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Sources were identified by their URL cut to 700 characters, so two URLs sharing a prefix were one source. The
 * identity becomes a SHA-256 of the full normalised URL (or, without a URL, of publisher, title and date, ignoring
 * case), computed here as the code computed it when this migration was written. Every stored source keeps its row
 * and id. The new keys cannot collide: distinct old keys mean distinct URLs (or details). Sources that a shared
 * prefix already merged stay one source, under the URL that was stored first.
 */
const identity = (url: string | null, publisher: string, title: string, publishedOn: string | null): string =>
  createHash('sha256')
    .update(url !== null ? `url:${url}` : `doc:${publisher.toLowerCase()}|${title.toLowerCase()}|${publishedOn ?? ''}`)
    .digest('hex');

interface SourceRow {
  id: string;
  url: string | null;
  publisher: string;
  title: string;
  published_on: string | null;
}

const PAGE = 1_000;

export class SourceIdentityHash1766000000002 implements MigrationInterface {
  name = 'SourceIdentityHash1766000000002';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    const p = (n: number): string => (postgres ? `$${n}` : '?');
    let after = '';
    for (;;) {
      const rows = (await runner.query(
        `SELECT "id", "url", "publisher", "title", "published_on" FROM "sources" WHERE "id" > ${p(1)} ORDER BY "id" LIMIT ${PAGE}`,
        [after],
      )) as SourceRow[];
      for (const row of rows) {
        await runner.query(`UPDATE "sources" SET "identity_key" = ${p(1)} WHERE "id" = ${p(2)}`, [
          identity(row.url, row.publisher, row.title, row.published_on),
          row.id,
        ]);
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].id;
    }
    // SQLite does not enforce a varchar length, so only PostgreSQL's column is narrowed to what it now holds.
    if (postgres) await runner.query('ALTER TABLE "sources" ALTER COLUMN "identity_key" TYPE varchar(64)');
  }

  async down(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    if (postgres) await runner.query('ALTER TABLE "sources" ALTER COLUMN "identity_key" TYPE varchar(700)');
    await runner.query(`UPDATE "sources" SET "identity_key" = CASE WHEN "url" IS NOT NULL THEN substr("url", 1, 700)
      ELSE substr(lower("publisher") || '|' || lower("title") || '|' || coalesce("published_on", ''), 1, 700) END`);
  }
}
