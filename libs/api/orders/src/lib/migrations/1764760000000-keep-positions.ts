import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import type { CostedFill } from '@lilux/order-rules';
import type { EquityBucket } from '../entities/equity-bucket.entity';
import { EQUITY_SPANS, type EquityPointAt, mergeEquityPoints } from '../equity-curve';
import { applyToPosition, equityOf, type PositionFigures } from '../kept-positions';
import { money } from '../money';

/** Fills read at a time while replaying an account: memory stays flat however long its history. */
const PAGE = 5000;
/** Rows per insert, well under SQLite's limit of bound parameters. */
const ROWS_PER_INSERT = 100;

interface FillRow extends CostedFill {
  id: string;
  executed_at: string;
  quote_qty: string;
  fee_asset: string;
}

/**
 * Positions and the equity curve (by the hour and by the day), kept as fills happen from now on, built here for the fills recorded
 * before: each account's fills replayed oldest first, as `keepPositions` would have applied them one by one.
 */
export class KeepPositions1764760000000 implements MigrationInterface {
  name = 'KeepPositions1764760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.options.type === 'postgres';
    const decimal = (name: string) => ({ name, type: isPostgres ? 'numeric' : 'varchar' });
    const time = (name: string, isPrimary = false) => ({
      name,
      type: isPostgres ? 'timestamptz' : 'varchar',
      length: isPostgres ? undefined : '24',
      isPrimary,
    });
    const accountId = { name: 'account_id', type: 'varchar', length: '36', isPrimary: true };
    const account = { columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'] };
    await queryRunner.createTable(
      new Table({
        name: 'positions',
        columns: [
          accountId,
          { name: 'asset', type: 'varchar', length: '16', isPrimary: true },
          { name: 'symbol', type: 'varchar', length: '32' },
          ...['qty', 'cost', 'realized_pnl', 'fees_paid', 'cash_flow', 'last_price'].map(decimal),
        ],
        foreignKeys: [account],
      }),
    );
    // The primary key (account, start) is the index every range of the curve reads.
    for (const { table } of EQUITY_SPANS) {
      await queryRunner.createTable(
        new Table({
          name: table,
          columns: [accountId, time('start', true), ...['first', 'low', 'high', 'last'].flatMap((point) => [time(`${point}_at`), decimal(`${point}_equity`)])],
          foreignKeys: [account],
        }),
      );
    }
    const accounts: { id: string; start_amount: string }[] = await queryRunner.query('SELECT id, start_amount FROM accounts ORDER BY id');
    for (const { id, start_amount } of accounts) await this.replay(queryRunner, id, String(start_amount), isPostgres);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('equity_days');
    await queryRunner.dropTable('equity_hours');
    await queryRunner.dropTable('positions');
  }

  private async replay(queryRunner: QueryRunner, accountId: string, startAmount: string, isPostgres: boolean): Promise<void> {
    const p = (index: number) => (isPostgres ? `$${index}` : '?');
    const positions = new Map<string, PositionFigures>();
    const curves = EQUITY_SPANS.map((span) => ({ span, rows: new Map<string, EquityBucket>() }));
    let after: { time: string; id: string } | null = null;
    for (;;) {
      const fills: FillRow[] = await queryRunner.query(
        `SELECT id, symbol, side, qty, price, quote_qty, fee, fee_asset, executed_at FROM fills WHERE account_id = ${p(1)}` +
          (after ? ` AND (executed_at > ${p(2)} OR (executed_at = ${p(3)} AND id > ${p(4)}))` : '') +
          ` ORDER BY executed_at, id LIMIT ${PAGE}`,
        after ? [accountId, after.time, after.time, after.id] : [accountId],
      );
      const points: EquityPointAt[] = [];
      for (const row of fills) {
        const executedAt = isoTime(row.executed_at);
        const fill = { ...row, qty: String(row.qty), price: String(row.price), quoteQty: String(row.quote_qty), fee: String(row.fee), feeAsset: row.fee_asset };
        const position = applyToPosition(positions.get(fill.symbol.split('/')[0]), fill);
        positions.set(position.asset, position);
        const equity = equityOf(startAmount, positions.values(), (held) => money(held.lastPrice));
        points.push({ accountId, time: executedAt, equity });
      }
      for (const { span, rows } of curves) mergeEquityPoints(rows, span, points);
      if (fills.length < PAGE) break;
      const last = fills[fills.length - 1];
      after = { time: last.executed_at, id: last.id };
    }
    await insertRows(
      queryRunner,
      'positions',
      ['account_id', 'asset', 'symbol', 'qty', 'cost', 'realized_pnl', 'fees_paid', 'cash_flow', 'last_price'],
      [...positions.values()].map((position) => [
        ...[accountId, position.asset, position.symbol, position.qty, position.cost],
        ...[position.realizedPnl, position.feesPaid, position.cashFlow, position.lastPrice],
      ]),
      isPostgres,
    );
    for (const { span, rows } of curves) {
      await insertRows(
        queryRunner,
        span.table,
        ['account_id', 'start', 'first_at', 'first_equity', 'low_at', 'low_equity', 'high_at', 'high_equity', 'last_at', 'last_equity'],
        [...rows.values()].map((row) => [
          ...[accountId, row.start, row.firstAt, row.firstEquity, row.lowAt, row.lowEquity],
          ...[row.highAt, row.highEquity, row.lastAt, row.lastEquity],
        ]),
        isPostgres,
      );
    }
  }
}

async function insertRows(queryRunner: QueryRunner, table: string, columns: string[], rows: string[][], isPostgres: boolean): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const batch = rows.slice(start, start + ROWS_PER_INSERT);
    const values = batch.map((_, row) => `(${columns.map((__, column) => (isPostgres ? `$${row * columns.length + column + 1}` : '?')).join(', ')})`);
    await queryRunner.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, batch.flat());
  }
}

/** A fill's time as the application writes it, whether the database kept text (SQLite) or an instant (PostgreSQL). */
function isoTime(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
