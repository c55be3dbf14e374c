import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Each fill is one trade of its exchange, recorded once per order: keyed by the exchange's trade id. Not unique per
 * account: Binance numbers trades per symbol, and its testnet starts again from 1 when it is reset. Paper fills
 * are their own trades; fills recorded before keep their id as their trade id.
 */
export class AddFillTradeId1764300000000 implements MigrationInterface {
  name = 'AddFillTradeId1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('fills', new TableColumn({ name: 'trade_id', type: 'varchar', length: '64', isNullable: true }));
    await queryRunner.query('UPDATE fills SET trade_id = id');
    await queryRunner.changeColumn('fills', 'trade_id', new TableColumn({ name: 'trade_id', type: 'varchar', length: '64', isNullable: false }));
    await queryRunner.createIndex('fills', new TableIndex({ name: 'UQ_fills_order_trade', columnNames: ['order_id', 'trade_id'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('fills', 'UQ_fills_order_trade');
    await queryRunner.dropColumn('fills', 'trade_id');
  }
}
