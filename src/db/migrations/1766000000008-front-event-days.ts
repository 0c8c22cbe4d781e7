import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * How many events each front has per day, kept by the database itself: a briefing says how many older events it
 * leaves out, and counting them from the events grew with everything ever stored (a quarter of a second at 100,000
 * events). Summing these rows reads one row per front and day instead.
 *
 * A day event counts on its day (`period` 0); a month or year event on its last day (`period` 1), the day it
 * stops being news. Triggers on the link table and on the events' dates keep the counts, so every write path
 * (imports, edits, deletions, cascades) agrees with the events without the application's help: a link counts when
 * it is inserted and stops counting when it is deleted, from the dates its event has at that moment; an event
 * deleted with its links still in place takes its counts with it before the cascade removes them.
 *
 * A partial index on the month and year events' last day serves the briefing's other growing read.
 */

/** The count key of an events row named `row`: its period flag and its day (see above). */
const periodOf = (row: string): string => `CASE WHEN ${row}.date_precision = 'DAY' THEN 0 ELSE 1 END`;
const dayOf = (row: string): string =>
  `CASE WHEN ${row}.date_precision = 'DAY' THEN ${row}.date_start ELSE ${row}.date_end END`;

/** Adds `delta` to the count of each (front, period, day) that `select` yields. */
const addCounts = (select: string, delta: number): string =>
  `INSERT INTO "front_event_days" ("front_id", "period", "day", "n") ${select} ` +
  `ON CONFLICT ("front_id", "period", "day") DO UPDATE SET "n" = "front_event_days"."n" + ${delta}`;

/** Adds `delta` to the count of front `front` for the key of the event with id `eventId`, as it is stored now. */
const addFromEvent = (front: string, eventId: string, delta: number): string =>
  addCounts(
    `SELECT ${front}, ${periodOf('e')}, ${dayOf('e')}, ${delta} FROM "events" e WHERE e.id = ${eventId}`,
    delta,
  );

/** For every front linked to the events row `row` (NEW or OLD in a trigger), adds `delta` to that row's key. */
const addForLinks = (row: string, delta: number): string =>
  addCounts(
    `SELECT ef.front_id, ${periodOf(row)}, ${dayOf(row)}, ${delta} FROM "event_fronts" ef WHERE ef.event_id = ${row}.id`,
    delta,
  );

// IS DISTINCT FROM: both databases (SQLite since 3.39) compare nulls as values with it.
const KEY_CHANGED =
  'OLD.date_precision IS DISTINCT FROM NEW.date_precision OR OLD.date_start IS DISTINCT FROM NEW.date_start OR ' +
  'OLD.date_end IS DISTINCT FROM NEW.date_end';

export class FrontEventDays1766000000008 implements MigrationInterface {
  name = 'FrontEventDays1766000000008';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    await runner.query(
      'CREATE TABLE "front_event_days" ("front_id" varchar(36) NOT NULL, "period" integer NOT NULL, ' +
        '"day" varchar(10) NOT NULL, "n" integer NOT NULL, PRIMARY KEY ("front_id", "period", "day"), ' +
        'FOREIGN KEY ("front_id") REFERENCES "fronts" ("id") ON DELETE CASCADE)',
    );
    await runner.query(
      `INSERT INTO "front_event_days" ("front_id", "period", "day", "n") ` +
        `SELECT ef.front_id, ${periodOf('e')}, ${dayOf('e')}, COUNT(*) FROM "event_fronts" ef ` +
        `INNER JOIN "events" e ON e.id = ef.event_id GROUP BY ef.front_id, ${periodOf('e')}, ${dayOf('e')}`,
    );
    if (postgres) await this.postgresTriggers(runner);
    else await this.sqliteTriggers(runner);
    // The briefing's month and year events are found among these few, not among every event ending after a day.
    await runner.query(`CREATE INDEX "idx_events_periods" ON "events" ("date_end") WHERE "date_precision" <> 'DAY'`);
  }

  private async sqliteTriggers(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TRIGGER "trg_event_fronts_counted" AFTER INSERT ON "event_fronts" BEGIN ` +
        `${addFromEvent('NEW.front_id', 'NEW.event_id', 1)}; END`,
    );
    await runner.query(
      `CREATE TRIGGER "trg_event_fronts_uncounted" AFTER DELETE ON "event_fronts" BEGIN ` +
        `${addFromEvent('OLD.front_id', 'OLD.event_id', -1)}; END`,
    );
    await runner.query(
      `CREATE TRIGGER "trg_events_recounted" AFTER UPDATE OF "date_precision", "date_start", "date_end" ON "events" ` +
        `WHEN ${KEY_CHANGED} BEGIN ${addForLinks('OLD', -1)}; ${addForLinks('NEW', 1)}; END`,
    );
    // Runs before the cascade deletes the links; their own trigger then finds no event and counts nothing.
    await runner.query(
      `CREATE TRIGGER "trg_events_uncounted" BEFORE DELETE ON "events" BEGIN ${addForLinks('OLD', -1)}; END`,
    );
  }

  private async postgresTriggers(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE FUNCTION "front_event_days_link"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `IF TG_OP = 'INSERT' THEN ${addFromEvent('NEW.front_id', 'NEW.event_id', 1)}; RETURN NEW; ` +
        `ELSE ${addFromEvent('OLD.front_id', 'OLD.event_id', -1)}; RETURN OLD; END IF; END $$`,
    );
    await runner.query(
      `CREATE TRIGGER "trg_event_fronts_counted" AFTER INSERT OR DELETE ON "event_fronts" FOR EACH ROW ` +
        `EXECUTE FUNCTION "front_event_days_link"()`,
    );
    await runner.query(
      `CREATE FUNCTION "front_event_days_event"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `IF TG_OP = 'DELETE' THEN ${addForLinks('OLD', -1)}; RETURN OLD; END IF; ` +
        `IF ${KEY_CHANGED} THEN ${addForLinks('OLD', -1)}; ${addForLinks('NEW', 1)}; END IF; RETURN NEW; END $$`,
    );
    // BEFORE DELETE: the links are still there (the cascade removes them afterwards, when the event is gone).
    await runner.query(
      `CREATE TRIGGER "trg_events_uncounted" BEFORE DELETE ON "events" FOR EACH ROW EXECUTE FUNCTION "front_event_days_event"()`,
    );
    await runner.query(
      `CREATE TRIGGER "trg_events_recounted" AFTER UPDATE OF "date_precision", "date_start", "date_end" ON "events" ` +
        `FOR EACH ROW EXECUTE FUNCTION "front_event_days_event"()`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX "idx_events_periods"');
    if (runner.connection.options.type === 'postgres') {
      await runner.query('DROP TRIGGER "trg_events_recounted" ON "events"');
      await runner.query('DROP TRIGGER "trg_events_uncounted" ON "events"');
      await runner.query('DROP TRIGGER "trg_event_fronts_counted" ON "event_fronts"');
      await runner.query('DROP FUNCTION "front_event_days_event"()');
      await runner.query('DROP FUNCTION "front_event_days_link"()');
    } else {
      for (const trigger of [
        'trg_events_uncounted',
        'trg_events_recounted',
        'trg_event_fronts_uncounted',
        'trg_event_fronts_counted',
      ])
        await runner.query(`DROP TRIGGER "${trigger}"`);
    }
    await runner.query('DROP TABLE "front_event_days"');
  }
}
