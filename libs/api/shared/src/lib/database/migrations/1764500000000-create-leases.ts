import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Who runs a cluster's background jobs, until when, and under which epoch: the epoch grows at every change of
 * holder, so work done under an old one can be refused (fencing).
 */
export class CreateLeases1764500000000 implements MigrationInterface {
  name = 'CreateLeases1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Only PostgreSQL deployments share a database and use it; SQLite keeps the table for one schema everywhere.
    const isPostgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'leases',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'holder', type: 'varchar', length: '36' },
          { name: 'epoch', type: 'integer' },
          // Compared with the database's own clock only, so instances need not agree on the time.
          isPostgres ? { name: 'expires_at', type: 'timestamptz' } : { name: 'expires_at', type: 'varchar', length: '24' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('leases');
  }
}
