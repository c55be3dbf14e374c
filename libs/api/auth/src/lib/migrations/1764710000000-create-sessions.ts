import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

/**
 * Sessions and their refresh tokens. A session replaces the list of logged-out token ids: every access token names
 * its session, and ending the session refuses them all, so `revoked_tokens` goes.
 */
export class CreateSessions1764710000000 implements MigrationInterface {
  name = 'CreateSessions1764710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.options.type === 'postgres';
    // Instants: timestamptz on PostgreSQL, ISO-8601 text (which sorts as time) on SQLite, as in the other tables.
    const time = (name: string, isNullable = false): TableColumnOptions =>
      isPostgres ? { name, type: 'timestamptz', isNullable } : { name, type: 'varchar', length: '24', isNullable };
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'token_version', type: 'integer' },
          { name: 'device', type: 'varchar', length: '64' },
          { name: 'address', type: 'varchar', length: '64' },
          time('created_at'),
          time('last_seen_at'),
          time('expires_at'),
          time('ended_at', true),
          { name: 'end_reason', type: 'varchar', length: '32', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [
          { name: 'IDX_sessions_user_id', columnNames: ['user_id'] },
          { name: 'IDX_sessions_last_seen_at', columnNames: ['last_seen_at'] },
          { name: 'IDX_sessions_expires_at', columnNames: ['expires_at'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'session_id', type: 'varchar', length: '36' },
          time('issued_at'),
          time('used_at', true),
        ],
        foreignKeys: [{ columnNames: ['session_id'], referencedTableName: 'sessions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [
          { name: 'IDX_refresh_tokens_session_id', columnNames: ['session_id'] },
          { name: 'IDX_refresh_tokens_issued_at', columnNames: ['issued_at'] },
        ],
      }),
    );
    await queryRunner.dropTable('revoked_tokens');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'revoked_tokens',
        columns: [
          { name: 'token_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'expires_at', type: 'timestamp' },
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ name: 'IDX_revoked_tokens_expires_at', columnNames: ['expires_at'] }],
      }),
    );
    await queryRunner.dropTable('refresh_tokens');
    await queryRunner.dropTable('sessions');
  }
}
