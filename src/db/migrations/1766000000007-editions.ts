import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/*
 * Published editions (see Edition): the frozen briefing as JSON and each format's bytes as base64 text, which both
 * databases store alike. Numbers are unique per date, fronts and timezone, so two publishers racing for the same
 * number cannot both win.
 */
export class Editions1766000000007 implements MigrationInterface {
  name = 'Editions1766000000007';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'editions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'number', type: 'integer' },
          { name: 'date', type: 'varchar', length: '10' },
          { name: 'fronts_key', type: 'text' },
          { name: 'timezone', type: 'varchar', length: '64' },
          { name: 'cutoff', type: 'varchar', length: '30' },
          { name: 'published_at', type: 'varchar', length: '30' },
          { name: 'published_by', type: 'varchar', length: '100', isNullable: true },
          { name: 'data_revision', type: 'integer' },
          { name: 'briefing', type: 'text' },
        ],
        indices: [
          new TableIndex({
            name: 'uq_editions_number',
            columnNames: ['date', 'fronts_key', 'timezone', 'number'],
            isUnique: true,
          }),
          new TableIndex({ name: 'idx_editions_published', columnNames: ['published_at', 'id'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'edition_formats',
        columns: [
          { name: 'edition_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'format', type: 'varchar', length: '10', isPrimary: true },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'byte_length', type: 'integer' },
          { name: 'content_type', type: 'varchar', length: '200' },
          { name: 'filename', type: 'varchar', length: '200' },
          { name: 'template', type: 'varchar', length: '200' },
          { name: 'body', type: 'text' },
        ],
        foreignKeys: [{ columnNames: ['edition_id'], referencedTableName: 'editions', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('edition_formats');
    await runner.dropTable('editions');
  }
}
