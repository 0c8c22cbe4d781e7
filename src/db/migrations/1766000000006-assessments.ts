import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Assessments: editors' dated judgements on fronts with an ICD 203 confidence (see Assessment) and their fronts;
 * their revisions go to `editorial_revisions` (kind 'assessment'), made by the front-history migration before this
 * one. Nothing to backfill: they are new.
 * Events and quotes gain `verification`, REPORTED for every stored one (what they were: reports of their sources).
 * Events gain an optional `primary_front_id` (the front a briefing tells them in; none for every stored one) and
 * an optional `date_note` (why the date is approximate; none for every stored one).
 */
export class Assessments1766000000006 implements MigrationInterface {
  name = 'Assessments1766000000006';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE TABLE "assessments" ("id" varchar(36) NOT NULL PRIMARY KEY, "date_value" varchar(10) NOT NULL, ' +
        '"confidence" varchar(20) NOT NULL, "text" text NOT NULL, "sources" text NOT NULL, ' +
        '"revision" integer NOT NULL DEFAULT 1, "created_at" varchar(30) NOT NULL, "updated_at" varchar(30) NOT NULL)',
    );
    await runner.query('CREATE INDEX "idx_assessments_date" ON "assessments" ("date_value", "id")');
    await runner.query(
      'CREATE TABLE "assessment_fronts" ("assessment_id" varchar(36) NOT NULL, "front_id" varchar(36) NOT NULL, ' +
        '"position" integer NOT NULL, PRIMARY KEY ("assessment_id", "front_id"))',
    );
    await runner.query(
      'CREATE INDEX "idx_assessment_fronts_front" ON "assessment_fronts" ("front_id", "assessment_id")',
    );
    await runner.query(`ALTER TABLE "events" ADD COLUMN "verification" varchar(12) NOT NULL DEFAULT 'REPORTED'`);
    await runner.query(`ALTER TABLE "quotes" ADD COLUMN "verification" varchar(12) NOT NULL DEFAULT 'REPORTED'`);
    await runner.query('ALTER TABLE "events" ADD COLUMN "primary_front_id" varchar(36)');
    await runner.query('ALTER TABLE "events" ADD COLUMN "date_note" varchar(300)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "events" DROP COLUMN "date_note"');
    await runner.query('ALTER TABLE "events" DROP COLUMN "primary_front_id"');
    await runner.query('ALTER TABLE "quotes" DROP COLUMN "verification"');
    await runner.query('ALTER TABLE "events" DROP COLUMN "verification"');
    await runner.query(`DELETE FROM "editorial_revisions" WHERE "kind" = 'assessment'`);
    await runner.query('DROP TABLE "assessment_fronts"');
    await runner.query('DROP TABLE "assessments"');
  }
}
