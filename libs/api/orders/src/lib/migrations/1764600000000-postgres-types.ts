import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every amount: exact decimals of any size, read back as the strings they were written as. */
const DECIMALS: Record<string, string[]> = {
  accounts: ['start_amount'],
  balances: ['free', 'locked'],
  orders: ['qty', 'price', 'sl', 'tp', 'filled_qty', 'average_price', 'fee', 'locked_amount'],
  fills: ['qty', 'price', 'quote_qty', 'fee'],
};

/** Every point in time, kept as an instant (UTC ISO-8601 text before). */
const TIMES: Record<string, string[]> = {
  accounts: ['created_at', 'archived_at'],
  orders: ['created_at', 'updated_at'],
  order_transitions: ['at'],
  fills: ['executed_at'],
};

/**
 * On PostgreSQL, amounts become `numeric` and times `timestamptz`, so the database itself compares, sorts and
 * checks them as what they are. SQLite has no such types and keeps text (decimal strings, ISO-8601 times that
 * sort as text). The application reads both as before: numeric comes back as the decimal string written, and
 * timestamptz as ISO-8601 in UTC (see database-options).
 */
export class PostgresTypes1764600000000 implements MigrationInterface {
  name = 'PostgresTypes1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    for (const [table, columns] of Object.entries(DECIMALS)) {
      for (const column of columns) await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE numeric USING "${column}"::numeric`);
    }
    for (const [table, columns] of Object.entries(TIMES)) {
      for (const column of columns) await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE timestamptz USING "${column}"::timestamptz`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    for (const [table, columns] of Object.entries(DECIMALS)) {
      for (const column of columns) await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE varchar(40) USING "${column}"::text`);
    }
    for (const [table, columns] of Object.entries(TIMES)) {
      for (const column of columns) {
        await queryRunner.query(
          `ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE varchar(24) USING to_char("${column}" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
        );
      }
    }
  }
}
