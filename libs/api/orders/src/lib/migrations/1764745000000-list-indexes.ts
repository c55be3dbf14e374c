import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes in the order the lists read: newest first, ties by id, under each filter the console and the API use.
 * A page then reads its rows from the top of one index range instead of sorting every order or fill of the user.
 * The fills index on (account_id, executed_at) is a prefix of the new one and goes.
 */
const INDEXES: [table: string, name: string, columns: string[]][] = [
  ['orders', 'IDX_orders_user_created', ['user_id', 'created_at', 'id']],
  ['orders', 'IDX_orders_account_created', ['account_id', 'created_at', 'id']],
  ['fills', 'IDX_fills_account_executed', ['account_id', 'executed_at', 'id']],
  ['fills', 'IDX_fills_account_symbol_executed', ['account_id', 'symbol', 'executed_at', 'id']],
];
const REPLACED = ['account_id', 'executed_at'];

export class ListIndexes1764745000000 implements MigrationInterface {
  name = 'ListIndexes1764745000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES) await queryRunner.createIndex(table, new TableIndex({ name, columnNames }));
    const fills = await queryRunner.getTable('fills');
    const replaced = fills?.indices.find((index) => index.columnNames.join() === REPLACED.join());
    if (fills && replaced) await queryRunner.dropIndex(fills, replaced);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('fills', new TableIndex({ columnNames: REPLACED }));
    for (const [table, name] of INDEXES) await queryRunner.dropIndex(table, name);
  }
}
