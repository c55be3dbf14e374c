import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const id = (name: string) => ({ name, type: 'varchar', length: '36' });
const decimal = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '40', isNullable });
const time = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '24', isNullable });

export class CreateTrading1764000000000 implements MigrationInterface {
  name = 'CreateTrading1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'accounts',
        columns: [
          { ...id('id'), isPrimary: true },
          id('user_id'),
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'label', type: 'varchar', length: '64' },
          { name: 'start_asset', type: 'varchar', length: '16' },
          decimal('start_amount'),
          time('created_at'),
          time('archived_at', true),
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['user_id', 'kind'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'balances',
        columns: [
          { ...id('account_id'), isPrimary: true },
          { name: 'asset', type: 'varchar', length: '16', isPrimary: true },
          decimal('free'),
          decimal('locked'),
        ],
        foreignKeys: [{ columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'orders',
        columns: [
          { ...id('id'), isPrimary: true },
          id('user_id'),
          id('account_id'),
          { name: 'client_order_id', type: 'varchar', length: '64' },
          { name: 'symbol', type: 'varchar', length: '32' },
          { name: 'side', type: 'varchar', length: '4' },
          { name: 'type', type: 'varchar', length: '8' },
          { name: 'role', type: 'varchar', length: '12' },
          { ...id('parent_id'), isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          decimal('qty'),
          decimal('price', true),
          decimal('sl', true),
          decimal('tp', true),
          decimal('filled_qty'),
          decimal('average_price', true),
          decimal('fee'),
          { name: 'fee_asset', type: 'varchar', length: '16' },
          { name: 'locked_asset', type: 'varchar', length: '16' },
          decimal('locked_amount'),
          { name: 'reject_reason', type: 'varchar', length: '200', isNullable: true },
          time('created_at'),
          time('updated_at'),
        ],
        foreignKeys: [
          { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
          { columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'] },
        ],
        indices: [{ columnNames: ['user_id', 'client_order_id'], isUnique: true }, { columnNames: ['account_id', 'status'] }, { columnNames: ['parent_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'order_transitions',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          id('order_id'),
          { name: 'status', type: 'varchar', length: '16' },
          time('at'),
          { name: 'reason', type: 'varchar', length: '200', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['order_id'], referencedTableName: 'orders', referencedColumnNames: ['id'] }],
        indices: [{ columnNames: ['order_id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'fills',
        columns: [
          { ...id('id'), isPrimary: true },
          id('order_id'),
          id('account_id'),
          { name: 'symbol', type: 'varchar', length: '32' },
          { name: 'side', type: 'varchar', length: '4' },
          decimal('qty'),
          decimal('price'),
          decimal('quote_qty'),
          decimal('fee'),
          { name: 'fee_asset', type: 'varchar', length: '16' },
          { name: 'liquidity', type: 'varchar', length: '8' },
          time('executed_at'),
        ],
        foreignKeys: [
          { columnNames: ['order_id'], referencedTableName: 'orders', referencedColumnNames: ['id'] },
          { columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'] },
        ],
        indices: [{ columnNames: ['account_id', 'executed_at'] }, { columnNames: ['order_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['fills', 'order_transitions', 'orders', 'balances', 'accounts']) await queryRunner.dropTable(table);
  }
}
