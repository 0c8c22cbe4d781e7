import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Each event's revision: 1 when created, one more with every change. Clients send it back with an edit
 * (`expectedRevision`) so that an edit based on an older read is refused. Existing events start at 1.
 * Plain ALTER TABLE … ADD COLUMN, which both databases run in place: TypeORM's SQLite addColumn rebuilds the table,
 * and dropping `events` would cascade into its link tables.
 */
export class EventRevision1766000000001 implements MigrationInterface {
  name = 'EventRevision1766000000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "events" ADD COLUMN "revision" integer NOT NULL DEFAULT 1');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE "events" DROP COLUMN "revision"');
  }
}
