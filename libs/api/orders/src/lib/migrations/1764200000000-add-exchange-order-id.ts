import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** The exchange's own id of an order sent to a real exchange, to cancel it and look it up. */
export class AddExchangeOrderId1764200000000 implements MigrationInterface {
  name = 'AddExchangeOrderId1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('orders', new TableColumn({ name: 'exchange_order_id', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('orders', 'exchange_order_id');
  }
}
