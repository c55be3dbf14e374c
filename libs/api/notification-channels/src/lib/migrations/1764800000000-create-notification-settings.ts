import { MigrationInterface, QueryRunner, Table, type TableColumnOptions } from 'typeorm';

/** The state every outside channel has: switched on, paused by Lilux (and why), deliveries given up in a row. */
function channelState(channel: 'webhook' | 'telegram' | 'email'): TableColumnOptions[] {
  return [
    { name: `${channel}_enabled`, type: 'boolean', default: false },
    { name: `${channel}_paused_reason`, type: 'text', isNullable: true },
    { name: `${channel}_failures`, type: 'integer', default: 0 },
  ];
}

/** No amounts and no times: the same types suit SQLite and PostgreSQL. */
export class CreateNotificationSettings1764800000000 implements MigrationInterface {
  name = 'CreateNotificationSettings1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'notification_settings',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'topics', type: 'text' },
          { name: 'console_sound', type: 'boolean' },
          { name: 'console_browser', type: 'boolean' },
          { name: 'webhook_url', type: 'text', isNullable: true },
          { name: 'webhook_secret_encrypted', type: 'text', isNullable: true },
          { name: 'webhook_secret_last4', type: 'varchar', length: '4', isNullable: true },
          ...channelState('webhook'),
          { name: 'telegram_chat_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'telegram_token_encrypted', type: 'text', isNullable: true },
          { name: 'telegram_token_last4', type: 'varchar', length: '4', isNullable: true },
          ...channelState('telegram'),
          { name: 'email_address', type: 'varchar', length: '254', isNullable: true },
          ...channelState('email'),
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notification_settings');
  }
}
