import { MigrationInterface, QueryRunner, Table } from 'typeorm';

export class CreateExchangeCredentials1764100000000 implements MigrationInterface {
  name = 'CreateExchangeCredentials1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'exchange_credentials',
        columns: [
          { name: 'account_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'api_key_encrypted', type: 'text' },
          { name: 'secret_encrypted', type: 'text' },
          { name: 'api_key_last4', type: 'varchar', length: '4' },
        ],
        foreignKeys: [{ columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('exchange_credentials');
  }
}
