import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Price alerts, the notification outbox (which is also each user's list) and one delivery row per notification
 * and channel. Amounts are `numeric` and times `timestamptz` on PostgreSQL, text on SQLite, as everywhere else.
 */
export class CreateAlerts1764800000000 implements MigrationInterface {
  name = 'CreateAlerts1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.options.type === 'postgres';
    const decimal = (name: string) => ({ name, type: isPostgres ? 'numeric' : 'varchar', length: isPostgres ? undefined : '40', isNullable: true });
    const time = (name: string, isNullable = false) => ({
      name,
      type: isPostgres ? 'timestamptz' : 'varchar',
      length: isPostgres ? undefined : '24',
      isNullable,
    });
    const id = (name: string) => ({ name, type: 'varchar', length: '36' });
    const user = { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' };
    await queryRunner.createTable(
      new Table({
        name: 'price_alerts',
        columns: [
          { ...id('id'), isPrimary: true },
          id('user_id'),
          { name: 'symbol', type: 'varchar', length: '32' },
          { name: 'condition', type: 'varchar', length: '8' },
          decimal('price'),
          decimal('move_percent'),
          { name: 'window_minutes', type: 'integer', isNullable: true },
          { name: 'note', type: 'varchar', length: '200', isNullable: true },
          { name: 'repeat', type: 'boolean', default: false },
          { name: 'cooldown_seconds', type: 'integer', default: 0 },
          { name: 'state', type: 'varchar', length: '8' },
          { name: 'fired_count', type: 'integer', default: 0 },
          time('last_fired_at', true),
          { name: 'armed_side', type: 'varchar', length: '5', isNullable: true },
          time('created_at'),
        ],
        foreignKeys: [user],
        // The user's list and active count; the evaluator's load of every active alert.
        indices: [{ columnNames: ['user_id', 'state'] }, { columnNames: ['state'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { ...id('id'), isPrimary: true },
          id('user_id'),
          { name: 'topic', type: 'varchar', length: '32' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'body', type: 'varchar', length: '1000' },
          { name: 'data', type: 'text' },
          { name: 'dedupe_key', type: 'varchar', length: '200' },
          time('created_at'),
          time('read_at', true),
        ],
        foreignKeys: [user],
        indices: [
          // One notification per event, however many instances heard it.
          { columnNames: ['dedupe_key'], isUnique: true },
          // The list, newest first, paged by (created_at, id); the count of the last minute.
          { columnNames: ['user_id', 'created_at', 'id'] },
          { columnNames: ['user_id', 'read_at'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          { ...id('notification_id'), isPrimary: true },
          { name: 'channel', type: 'varchar', length: '16', isPrimary: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'attempts', type: 'integer', default: 0 },
          time('next_attempt_at', true),
          { name: 'last_error', type: 'varchar', length: '300', isNullable: true },
          time('delivered_at', true),
        ],
        foreignKeys: [{ columnNames: ['notification_id'], referencedTableName: 'notifications', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        // The delivery worker's question: which pending deliveries are due.
        indices: [{ columnNames: ['status', 'next_attempt_at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notification_deliveries');
    await queryRunner.dropTable('notifications');
    await queryRunner.dropTable('price_alerts');
  }
}
