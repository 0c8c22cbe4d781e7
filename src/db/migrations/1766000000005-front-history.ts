import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * A front's state becomes dated history: status periods, open issues and context notes (see front-history.ts),
 * each revisioned in `editorial_revisions` (which assessments share: a null state is a deletion). What the fronts
 * held is carried over, so nothing is lost: the status as one open period from its `status_since` (null when it
 * had none), each open issue and the background as records with no start date. Such records count as valid from
 * the day of the migration, never earlier, so a briefing of a past date does not borrow them. The old columns are
 * then dropped: status is set only through setFrontStatus, issues and background through their own mutations.
 */

interface FrontRow {
  id: string;
  slug: string;
  status_kind: string;
  status: string;
  status_since: string | null;
  background: string;
  open_issues: string;
}

const RECORD =
  '"id" varchar(36) PRIMARY KEY NOT NULL, "front_id" varchar(36) NOT NULL, "text" text NOT NULL, ' +
  '"sources" text NOT NULL, "revision" integer NOT NULL, "recorded_on" varchar(10) NOT NULL';
const FRONT_FK = 'FOREIGN KEY ("front_id") REFERENCES "fronts" ("id") ON DELETE CASCADE';

export class FrontHistory1766000000005 implements MigrationInterface {
  name = 'FrontHistory1766000000005';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    const list = (n: number): string => Array.from({ length: n }, (_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
    await runner.query(
      `CREATE TABLE "front_status_periods" (${RECORD}, "kind" varchar(32) NOT NULL, "since" varchar(10), ` +
        `"until" varchar(10), ${FRONT_FK})`,
    );
    await runner.query(
      `CREATE TABLE "front_issues" (${RECORD}, "opened" varchar(10), "resolved" varchar(10), ${FRONT_FK})`,
    );
    await runner.query(
      `CREATE TABLE "front_context_notes" (${RECORD}, "valid_from" varchar(10), "retired" varchar(10), ${FRONT_FK})`,
    );
    for (const table of ['front_status_periods', 'front_issues', 'front_context_notes'])
      await runner.query(`CREATE INDEX "IDX_${table}_front" ON "${table}" ("front_id")`);
    await runner.query(
      'CREATE TABLE "editorial_revisions" ("kind" varchar(32) NOT NULL, "record_id" varchar(36) NOT NULL, ' +
        '"revision" integer NOT NULL, "at" varchar(30) NOT NULL, "written_by" varchar(100), "reason" varchar(500), ' +
        '"state" text, PRIMARY KEY ("kind", "record_id", "revision"))',
    );

    const at = new Date().toISOString();
    const today = at.slice(0, 10);
    const reason = 'carried over when front history was introduced';
    const revise = async (kind: string, id: string, state: Record<string, unknown>): Promise<void> => {
      await runner.query(
        `INSERT INTO "editorial_revisions" ("kind", "record_id", "revision", "at", "written_by", "reason", "state") VALUES (${list(7)})`,
        [kind, id, 1, at, null, reason, JSON.stringify(state)],
      );
    };
    const fronts = (await runner.query(
      'SELECT "id", "slug", "status_kind", "status", "status_since", "background", "open_issues" FROM "fronts" ORDER BY "id"',
    )) as FrontRow[];
    for (const f of fronts) {
      if (f.status.trim() !== '') {
        const period = { kind: f.status_kind, text: f.status, since: f.status_since, until: null };
        const periodId = randomUUID();
        await runner.query(
          'INSERT INTO "front_status_periods" ("id", "front_id", "text", "sources", "revision", "recorded_on", "kind", ' +
            `"since", "until") VALUES (${list(9)})`,
          [periodId, f.id, f.status, '[]', 1, today, f.status_kind, f.status_since, null],
        );
        await revise('front-status', periodId, { front: f.slug, ...period, sources: [] });
      }
      const issues = JSON.parse(f.open_issues || '[]') as string[];
      for (const text of issues) {
        const id = randomUUID();
        await runner.query(
          'INSERT INTO "front_issues" ("id", "front_id", "text", "sources", "revision", "recorded_on", "opened", ' +
            `"resolved") VALUES (${list(8)})`,
          [id, f.id, text, '[]', 1, today, null, null],
        );
        await revise('front-issue', id, { front: f.slug, text, opened: null, resolved: null, sources: [] });
      }
      if (f.background.trim() !== '') {
        const id = randomUUID();
        await runner.query(
          'INSERT INTO "front_context_notes" ("id", "front_id", "text", "sources", "revision", "recorded_on", ' +
            `"valid_from", "retired") VALUES (${list(8)})`,
          [id, f.id, f.background, '[]', 1, today, null, null],
        );
        await revise('front-context', id, {
          front: f.slug,
          text: f.background,
          validFrom: null,
          retired: null,
          sources: [],
        });
      }
    }
    for (const column of ['status_kind', 'status', 'status_since', 'background', 'open_issues'])
      await runner.query(`ALTER TABLE "fronts" DROP COLUMN "${column}"`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // The current period, issues and notes go back into the columns; the rest of the history is dropped.
    await runner.query('ALTER TABLE "fronts" ADD COLUMN "status_kind" varchar(32) NOT NULL DEFAULT \'TENSION\'');
    await runner.query('ALTER TABLE "fronts" ADD COLUMN "status" varchar(200) NOT NULL DEFAULT \'\'');
    await runner.query('ALTER TABLE "fronts" ADD COLUMN "status_since" varchar(10)');
    await runner.query('ALTER TABLE "fronts" ADD COLUMN "background" text NOT NULL DEFAULT \'\'');
    await runner.query('ALTER TABLE "fronts" ADD COLUMN "open_issues" text NOT NULL DEFAULT \'[]\'');
    const postgres = runner.connection.options.type === 'postgres';
    const p = (n: number): string => (postgres ? `$${n}` : '?');
    const periods = (await runner.query(
      'SELECT "front_id", "kind", "text", "since" FROM "front_status_periods" WHERE "until" IS NULL',
    )) as { front_id: string; kind: string; text: string; since: string | null }[];
    for (const row of periods)
      await runner.query(
        `UPDATE "fronts" SET "status_kind" = ${p(1)}, "status" = ${p(2)}, "status_since" = ${p(3)} WHERE "id" = ${p(4)}`,
        [row.kind, row.text, row.since, row.front_id],
      );
    const issues = (await runner.query(
      'SELECT "front_id", "text" FROM "front_issues" WHERE "resolved" IS NULL ORDER BY "opened", "id"',
    )) as { front_id: string; text: string }[];
    const notes = (await runner.query(
      'SELECT "front_id", "text" FROM "front_context_notes" WHERE "retired" IS NULL ORDER BY "valid_from", "id"',
    )) as { front_id: string; text: string }[];
    const frontIds = new Set([...issues, ...notes].map((r) => r.front_id));
    for (const id of frontIds) {
      const open = issues.filter((r) => r.front_id === id).map((r) => r.text);
      const background = notes
        .filter((r) => r.front_id === id)
        .map((r) => r.text)
        .join('\n\n');
      await runner.query(`UPDATE "fronts" SET "open_issues" = ${p(1)}, "background" = ${p(2)} WHERE "id" = ${p(3)}`, [
        JSON.stringify(open),
        background,
        id,
      ]);
    }
    for (const table of ['editorial_revisions', 'front_context_notes', 'front_issues', 'front_status_periods'])
      await runner.query(`DROP TABLE "${table}"`);
  }
}
