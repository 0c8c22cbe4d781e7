import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/*
 * The record of emailed briefings (src/mail). Same conventions as the initial schema: ISO 8601 strings for
 * instants, `YYYY-MM-DD` for dates, JSON text for lists. The idempotency key is unique where present (both
 * databases allow many NULLs in a unique index), which is what makes a repeated send deliver once.
 */
export class Deliveries1765000000000 implements MigrationInterface {
  name = 'Deliveries1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'deliveries',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'recipients', type: 'text' },
          { name: 'message_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'subject', type: 'varchar', length: '300', isNullable: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'transport', type: 'varchar', length: '10' },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'attempts', type: 'integer' },
          { name: 'idempotency_key', type: 'varchar', length: '200', isNullable: true },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'briefing_date', type: 'varchar', length: '10' },
          { name: 'fronts', type: 'text', isNullable: true },
          { name: 'timezone', type: 'varchar', length: '64' },
          { name: 'attach_pdf', type: 'boolean' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
        indices: [
          new TableIndex({ name: 'uq_deliveries_idempotency_key', columnNames: ['idempotency_key'], isUnique: true }),
          new TableIndex({ name: 'idx_deliveries_created_at', columnNames: ['created_at'] }),
          new TableIndex({ name: 'idx_deliveries_status', columnNames: ['status'] }),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('deliveries');
  }
}
