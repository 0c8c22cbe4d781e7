import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/*
 * The initial schema, written with TypeORM's schema builder so the one migration runs unchanged on SQLite and
 * PostgreSQL. Timestamps are ISO 8601 UTC strings and dates are `YYYY-MM-DD` strings: both sort correctly as text
 * on either database, and a date never shifts with a server's timezone.
 */
const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const longText = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
const fk = (column: string, table: string, onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT'): TableForeignKey =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });
const unique = (table: string, column: string): TableIndex =>
  new TableIndex({ name: `uq_${table}_${column}`, columnNames: [column], isUnique: true });

function linkTable(name: string, otherColumn: string, otherTable: string, extra: TableColumnOptions[] = []): Table {
  return new Table({
    name,
    columns: [{ ...ref('event_id'), isPrimary: true }, { ...ref(otherColumn), isPrimary: true }, ...extra],
    foreignKeys: [fk('event_id', 'events', 'CASCADE'), fk(otherColumn, otherTable, 'RESTRICT')],
    indices: [
      new TableIndex({
        name: `idx_${name}_${otherColumn.replace(/_id$/, '')}`,
        columnNames: [otherColumn, 'event_id'],
      }),
    ],
  });
}

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'regions',
        columns: [
          id(),
          text('slug', 64),
          text('name', 200),
          text('kind', 20),
          text('iso_code', 10, true),
          ref('parent_id', true),
        ],
        indices: [unique('regions', 'slug')],
        foreignKeys: [fk('parent_id', 'regions', 'SET NULL')],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'leaders',
        columns: [
          id(),
          text('slug', 64),
          text('name', 200),
          text('office', 200),
          ref('region_id', true),
          text('tenure_start', 10, true),
          text('tenure_end', 10, true),
        ],
        indices: [unique('leaders', 'slug')],
        foreignKeys: [fk('region_id', 'regions', 'SET NULL')],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'actors',
        columns: [
          id(),
          text('slug', 64),
          text('name', 200),
          text('kind', 32),
          longText('description', true),
          ref('region_id', true),
          ref('backer_id', true),
        ],
        indices: [unique('actors', 'slug')],
        foreignKeys: [fk('region_id', 'regions', 'SET NULL'), fk('backer_id', 'actors', 'SET NULL')],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'fronts',
        columns: [
          id(),
          text('slug', 64),
          text('name', 200),
          text('status_kind', 32),
          text('status', 200),
          text('status_since', 10, true),
          longText('background'),
          longText('open_issues'),
          int('briefing_order'),
        ],
        indices: [unique('fronts', 'slug')],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'front_regions',
        columns: [
          { ...ref('front_id'), isPrimary: true },
          { ...ref('region_id'), isPrimary: true },
        ],
        foreignKeys: [fk('front_id', 'fronts', 'CASCADE'), fk('region_id', 'regions', 'RESTRICT')],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'events',
        columns: [
          id(),
          text('external_id', 200, true),
          text('date_value', 10),
          text('date_start', 10),
          text('date_end', 10),
          text('date_precision', 5),
          text('occurred_at', 30, true),
          text('timezone', 64, true),
          text('title', 300),
          longText('summary'),
          text('kind', 32),
          int('significance'),
          text('content_hash', 64),
          text('created_at', 30),
          text('updated_at', 30),
        ],
        indices: [
          unique('events', 'external_id'),
          new TableIndex({ name: 'idx_events_date_order', columnNames: ['date_start', 'id'] }),
          new TableIndex({ name: 'idx_events_date_end', columnNames: ['date_end'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'sources',
        columns: [
          id(),
          text('identity_key', 700),
          text('publisher', 200),
          text('title', 300),
          text('url', 2000, true),
          text('published_on', 10, true),
        ],
        indices: [unique('sources', 'identity_key')],
      }),
    );
    await runner.createTable(linkTable('event_sources', 'source_id', 'sources', [int('position')]));
    await runner.createTable(linkTable('event_fronts', 'front_id', 'fronts'));
    await runner.createTable(linkTable('event_regions', 'region_id', 'regions'));
    await runner.createTable(linkTable('event_leaders', 'leader_id', 'leaders'));
    await runner.createTable(linkTable('event_actors', 'actor_id', 'actors'));
    await runner.createTable(
      new Table({
        name: 'quotes',
        columns: [
          id(),
          ref('event_id'),
          longText('text'),
          ref('speaker_leader_id', true),
          ref('speaker_actor_id', true),
          ref('source_id'),
          int('position'),
        ],
        indices: [new TableIndex({ name: 'idx_quotes_event', columnNames: ['event_id', 'position'] })],
        foreignKeys: [
          fk('event_id', 'events', 'CASCADE'),
          fk('speaker_leader_id', 'leaders', 'RESTRICT'),
          fk('speaker_actor_id', 'actors', 'RESTRICT'),
          fk('source_id', 'sources', 'RESTRICT'),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'change_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          text('entity_type', 20),
          ref('entity_id'),
          text('action', 10),
          text('changed_at', 30),
          text('date_start', 10, true),
          text('date_end', 10, true),
          text('front_slugs', 1000, true),
          text('title', 300, true),
        ],
        indices: [new TableIndex({ name: 'idx_change_log_changed_at', columnNames: ['changed_at'] })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          id(),
          text('name', 100),
          text('role', 10),
          text('key_hash', 64),
          text('key_prefix', 20),
          text('created_at', 30),
          text('revoked_at', 30, true),
        ],
        indices: [unique('api_keys', 'key_hash')],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'api_keys',
      'change_log',
      'quotes',
      'event_actors',
      'event_leaders',
      'event_regions',
      'event_fronts',
      'event_sources',
      'sources',
      'events',
      'front_regions',
      'fronts',
      'actors',
      'leaders',
      'regions',
    ]) {
      await runner.dropTable(table);
    }
  }
}
