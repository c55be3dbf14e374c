import { ManualClock } from '@lilux/api/shared';
import { DataSource } from 'typeorm';
import { startTradingTestBed } from '../../testing/trading-test-bed';
import { AccountsService } from '../accounts.service';
import { OrderChanges } from '../order-changes';

describe('the migration adding the list indexes (real SQLite)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 8, 0, 0));
  let bed: Awaited<ReturnType<typeof startTradingTestBed>>;

  beforeAll(async () => {
    bed = await startTradingTestBed(clock, []);
  });
  afterAll(() => bed.close());

  const indexes = async (database: DataSource, table: string) =>
    (await database.query(`SELECT name FROM pragma_index_list('${table}') WHERE origin = 'c'`)).map((index: { name: string }) => index.name).sort();
  const plan = async (database: DataSource, sql: string) =>
    (await database.query(`EXPLAIN QUERY PLAN ${sql}`)).map((step: { detail: string }) => step.detail).join('; ');

  it('upgrades a database of the previous release, rows kept, and the lists read their index in order, sorting nothing', async () => {
    const userId = await bed.newUser('upgraded');
    const account = await bed.app.get(AccountsService).resolve(userId);
    const database = bed.app.get(DataSource);
    const changes = new OrderChanges(() => new Date(clock.now()).toISOString());
    const order = changes.create({
      ...{ userId, accountId: account.id, clientOrderId: 'before', symbol: 'BTC/USDT', side: 'buy', type: 'market', role: 'entry' },
      ...{ parentId: null, qty: '0.01', price: null, sl: null, tp: null, feeAsset: 'USDT', lockedAsset: 'USDT' },
    });
    const fill = { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', price: '100000', quoteQty: '1000', fee: '1', feeAsset: 'USDT', liquidity: 'taker' } as const;
    changes.addFill({ ...fill, orderId: order.id, accountId: account.id, executedAt: order.createdAt });
    changes.transition(order, 'filled');
    await database.transaction((manager) => changes.write(manager));
    const latest = await indexes(database, 'fills');

    let undone = '';
    while (undone !== 'ListIndexes1764745000000') {
      undone = (await database.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1'))[0].name;
      await database.undoLastMigration({ transaction: 'all' });
    }
    expect(await indexes(database, 'fills')).not.toContain('IDX_fills_account_executed');
    const before = await database.query('SELECT * FROM fills');
    await database.runMigrations({ transaction: 'all' });

    expect(await database.query('SELECT * FROM fills')).toEqual(before);
    expect(await indexes(database, 'fills')).toEqual(latest);
    expect(latest).toEqual(expect.arrayContaining(['IDX_fills_account_executed', 'IDX_fills_account_symbol_executed']));
    expect(await indexes(database, 'orders')).toEqual(expect.arrayContaining(['IDX_orders_user_created', 'IDX_orders_account_created']));

    const newestFills = `SELECT * FROM fills WHERE account_id = 'a' AND executed_at <= 't' AND (executed_at < 't' OR id < 'i') ORDER BY executed_at DESC, id DESC LIMIT 51`;
    expect(await plan(database, newestFills)).toMatch(/USING INDEX IDX_fills_account_executed \(account_id=\? AND executed_at<\?\)/);
    expect(await plan(database, newestFills)).not.toContain('TEMP B-TREE');
    const newestOfSymbol = `SELECT * FROM fills WHERE account_id = 'a' AND symbol = 's' ORDER BY executed_at DESC, id DESC LIMIT 51`;
    expect(await plan(database, newestOfSymbol)).toContain('USING INDEX IDX_fills_account_symbol_executed (account_id=? AND symbol=?)');
    const newestOrders = `SELECT * FROM orders WHERE user_id = 'u' ORDER BY created_at DESC, id DESC LIMIT 51`;
    expect(await plan(database, newestOrders)).toContain('USING INDEX IDX_orders_user_created (user_id=?)');
    expect(await plan(database, newestOrders)).not.toContain('TEMP B-TREE');
  });
});
