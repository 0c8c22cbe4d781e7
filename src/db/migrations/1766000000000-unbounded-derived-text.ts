import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Two columns hold text derived from other records, not input checked against a limit: the front slugs an event
 * touched (up to 50 slugs of 64 characters) and an email's subject (the briefing title and every front's name).
 * Both outgrew their varchar on PostgreSQL; they become text. SQLite never enforced the lengths (a varchar column
 * has TEXT affinity there), so it has nothing to change, and its tables are not rebuilt for a declared length.
 */
export class UnboundedDerivedText1766000000000 implements MigrationInterface {
  name = 'UnboundedDerivedText1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'postgres') return;
    await runner.query('ALTER TABLE "change_log" ALTER COLUMN "front_slugs" TYPE text');
    await runner.query('ALTER TABLE "deliveries" ALTER COLUMN "subject" TYPE text');
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'postgres') return;
    await runner.query(
      'ALTER TABLE "change_log" ALTER COLUMN "front_slugs" TYPE varchar(1000) USING left("front_slugs", 1000)',
    );
    await runner.query('ALTER TABLE "deliveries" ALTER COLUMN "subject" TYPE varchar(300) USING left("subject", 300)');
  }
}
