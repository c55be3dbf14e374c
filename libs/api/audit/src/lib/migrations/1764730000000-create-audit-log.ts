import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const hash = (name: string) => ({ name, type: 'varchar', length: '64' });

/**
 * The audit log and its chain head. The head's row is made by the application on first start, not here: a
 * freshly migrated database stays empty, which `npm run db:copy` requires of its target.
 */
export class CreateAuditLog1764730000000 implements MigrationInterface {
  name = 'CreateAuditLog1764730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { name: 'id', type: 'bigint', isPrimary: true },
          isPostgres ? { name: 'at', type: 'timestamptz' } : { name: 'at', type: 'varchar', length: '24' },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'actor_name', type: 'varchar', length: '64', isNullable: true },
          { name: 'action', type: 'varchar', length: '40' },
          { name: 'outcome', type: 'varchar', length: '16' },
          { name: 'address', type: 'varchar', length: '64', isNullable: true },
          { name: 'subject_type', type: 'varchar', length: '16', isNullable: true },
          { name: 'subject_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'details', type: 'text', isNullable: true },
          hash('prev_hash'),
          hash('hash'),
        ],
        // No foreign key to users: the log outlives what it names, a deleted user included.
        indices: [{ columnNames: ['actor_id'] }, { columnNames: ['subject_type', 'subject_id'] }, { columnNames: ['action'] }, { columnNames: ['at'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_chain',
        columns: [
          { name: 'id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'last_id', type: 'bigint' },
          hash('last_hash'),
          { name: 'anchor_id', type: 'bigint' },
          hash('anchor_hash'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_chain');
    await queryRunner.dropTable('audit_events');
  }
}
