import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * An edition format's file name is derived, not input checked against a limit: it names up to five fronts of 64
 * characters each, so it outgrew its varchar(200) on PostgreSQL and publishEdition failed. Its template's name
 * comes from the operator's manifest, which sets no length either. Both become text, as the derived columns of
 * 1766000000000 did; SQLite never enforced the lengths and has nothing to change.
 */
export class EditionFileNames1766000000009 implements MigrationInterface {
  name = 'EditionFileNames1766000000009';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'postgres') return;
    await runner.query('ALTER TABLE "edition_formats" ALTER COLUMN "filename" TYPE text');
    await runner.query('ALTER TABLE "edition_formats" ALTER COLUMN "template" TYPE text');
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'postgres') return;
    await runner.query(
      'ALTER TABLE "edition_formats" ALTER COLUMN "filename" TYPE varchar(200) USING left("filename", 200)',
    );
    await runner.query(
      'ALTER TABLE "edition_formats" ALTER COLUMN "template" TYPE varchar(200) USING left("template", 200)',
    );
  }
}
