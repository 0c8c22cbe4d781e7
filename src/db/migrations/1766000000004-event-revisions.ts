import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The history of every event: one immutable row per write (see EventRevisionRow). Stored events are backfilled with
 * one row holding their current state at their current revision number, written by nobody (null) at their last
 * change; the state's shape is the one the code wrote when this migration was written.
 */
const PAGE = 500;

interface StateRow {
  id: string;
  revision: number;
  date_value: string;
  date_precision: string;
  title: string;
  summary: string;
  kind: string;
  significance: number;
  updated_at: string;
}

export class EventRevisions1766000000004 implements MigrationInterface {
  name = 'EventRevisions1766000000004';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    const p = (n: number): string => (postgres ? `$${n}` : '?');
    const list = (n: number): string => Array.from({ length: n }, (_, i) => p(i + 1)).join(', ');
    await runner.query(
      'CREATE TABLE "event_revisions" ("event_id" varchar(36) NOT NULL, "revision" integer NOT NULL, ' +
        '"at" varchar(30) NOT NULL, "written_by" varchar(100), "reason" varchar(500), "state" text, ' +
        'PRIMARY KEY ("event_id", "revision"))',
    );
    let after = '';
    for (;;) {
      const events = (await runner.query(
        'SELECT "id", "revision", "date_value", "date_precision", "title", "summary", "kind", "significance", ' +
          `"updated_at" FROM "events" WHERE "id" > ${p(1)} ORDER BY "id" LIMIT ${PAGE}`,
        [after],
      )) as StateRow[];
      if (events.length === 0) break;
      const ids = events.map((e) => e.id);
      const slugs = async (link: string, table: string, column: string): Promise<Map<string, string[]>> => {
        const rows = (await runner.query(
          `SELECT l."event_id" AS event_id, x."slug" AS slug FROM "${link}" l JOIN "${table}" x ON x."id" = l."${column}" ` +
            `WHERE l."event_id" IN (${list(ids.length)}) ORDER BY x."slug"`,
          ids,
        )) as { event_id: string; slug: string }[];
        const map = new Map<string, string[]>();
        for (const r of rows) map.set(r.event_id, [...(map.get(r.event_id) ?? []), r.slug]);
        return map;
      };
      const fronts = await slugs('event_fronts', 'fronts', 'front_id');
      const regions = await slugs('event_regions', 'regions', 'region_id');
      const leaders = await slugs('event_leaders', 'leaders', 'leader_id');
      const actors = await slugs('event_actors', 'actors', 'actor_id');
      const sources = (await runner.query(
        'SELECT es."event_id" AS event_id, s."id" AS id, s."publisher" AS publisher, s."title" AS title, ' +
          's."url" AS url, s."published_on" AS published_on FROM "event_sources" es JOIN "sources" s ON s."id" = es."source_id" ' +
          `WHERE es."event_id" IN (${list(ids.length)}) ORDER BY es."event_id", es."position"`,
        ids,
      )) as {
        event_id: string;
        id: string;
        publisher: string;
        title: string;
        url: string | null;
        published_on: string | null;
      }[];
      const quotes = (await runner.query(
        'SELECT q."event_id" AS event_id, q."text" AS text, q."source_id" AS source_id, l."slug" AS leader, a."slug" AS actor ' +
          'FROM "quotes" q LEFT JOIN "leaders" l ON l."id" = q."speaker_leader_id" LEFT JOIN "actors" a ON a."id" = q."speaker_actor_id" ' +
          `WHERE q."event_id" IN (${list(ids.length)}) ORDER BY q."event_id", q."position"`,
        ids,
      )) as { event_id: string; text: string; source_id: string; leader: string | null; actor: string | null }[];
      for (const e of events) {
        const own = sources.filter((s) => s.event_id === e.id);
        const state = {
          date: e.date_value,
          precision: e.date_precision,
          title: e.title,
          summary: e.summary,
          kind: e.kind,
          significance: Number(e.significance),
          fronts: fronts.get(e.id) ?? [],
          regions: regions.get(e.id) ?? [],
          leaders: leaders.get(e.id) ?? [],
          actors: actors.get(e.id) ?? [],
          sources: own.map((s) => ({
            publisher: s.publisher,
            title: s.title,
            url: s.url,
            publishedOn: s.published_on,
          })),
          quotes: quotes
            .filter((q) => q.event_id === e.id)
            .map((q) => ({
              text: q.text,
              leader: q.leader,
              actor: q.actor,
              source: Math.max(
                0,
                own.findIndex((s) => s.id === q.source_id),
              ),
            })),
        };
        await runner.query(
          `INSERT INTO "event_revisions" ("event_id", "revision", "at", "written_by", "reason", "state") VALUES (${list(6)})`,
          [e.id, Number(e.revision), e.updated_at, null, null, JSON.stringify(state)],
        );
      }
      if (events.length < PAGE) break;
      after = ids[ids.length - 1];
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "event_revisions"');
  }
}
