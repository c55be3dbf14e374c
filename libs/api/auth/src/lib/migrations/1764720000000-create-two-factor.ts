import { MigrationInterface, QueryRunner, Table } from 'typeorm';

export class CreateTwoFactor1764720000000 implements MigrationInterface {
  name = 'CreateTwoFactor1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const userForeignKey = { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' };
    await queryRunner.createTable(
      new Table({
        name: 'two_factor',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'secret_encrypted', type: 'text' },
          { name: 'is_enabled', type: 'boolean', default: false },
          { name: 'last_used_step', type: 'integer', default: 0 },
        ],
        foreignKeys: [userForeignKey],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'two_factor_recovery_codes',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'code_hash', type: 'varchar', length: '64', isPrimary: true },
        ],
        foreignKeys: [userForeignKey],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'two_factor_policy',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'is_required', type: 'boolean', default: false },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('two_factor_policy');
    await queryRunner.dropTable('two_factor_recovery_codes');
    await queryRunner.dropTable('two_factor');
  }
}
