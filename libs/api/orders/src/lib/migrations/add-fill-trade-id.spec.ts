import { ManualClock } from '@lilux/api/shared';
import { DataSource } from 'typeorm';
import { startTradingTestBed } from '../../testing/trading-test-bed';
import { AccountsService } from '../accounts.service';
import { OrderChanges } from '../order-changes';

describe('the migration keying fills by trade id (real SQLite)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 8, 0, 0));
  let bed: Awaited<ReturnType<typeof startTradingTestBed>>;

  beforeAll(async () => {
    bed = await startTradingTestBed(clock, []);
  });
  afterAll(() => bed.close());

  it('gives fills recorded before it their own id as trade id, keeps them all, and refuses a trade twice for an order', async () => {
    const userId = await bed.newUser('migrated');
    const account = await bed.app.get(AccountsService).resolve(userId);
    const database = bed.app.get(DataSource);
    const changes = new OrderChanges(() => new Date(clock.now()).toISOString());
    for (const qty of ['0.01', '0.02']) {
      const order = changes.create({
        ...{ userId, accountId: account.id, clientOrderId: `before-${qty}`, symbol: 'BTC/USDT', side: 'buy', type: 'market', role: 'entry' },
        ...{ parentId: null, qty, price: null, sl: null, tp: null, feeAsset: 'USDT', lockedAsset: 'USDT' },
      });
      const fill = { symbol: 'BTC/USDT', side: 'buy', qty, price: '100000', quoteQty: '1000', fee: '1', feeAsset: 'USDT', liquidity: 'taker' } as const;
      changes.addFill({ ...fill, orderId: order.id, accountId: account.id, executedAt: order.createdAt });
      changes.transition(order, 'filled');
    }
    await database.transaction((manager) => changes.write(manager));
    const before = await database.query('SELECT id, order_id, qty, fee FROM fills ORDER BY id');

    // Back to the schema of the previous release, fills and all, then forward again as an upgrade would.
    let undone = '';
    while (undone !== 'AddFillTradeId1764300000000') {
      undone = (await database.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1'))[0].name;
      await database.undoLastMigration({ transaction: 'all' });
    }
    expect((await database.query('PRAGMA table_info(fills)')).map((column: { name: string }) => column.name)).not.toContain('trade_id');
    await database.runMigrations({ transaction: 'all' });

    const after = await database.query('SELECT id, order_id, qty, fee, trade_id FROM fills ORDER BY id');
    expect(after).toEqual(before.map((fill: { id: string }) => ({ ...fill, trade_id: fill.id })));
    const [fill] = after;
    await expect(
      database.query(
        `INSERT INTO fills (id, trade_id, order_id, account_id, symbol, side, qty, price, quote_qty, fee, fee_asset, liquidity, executed_at)
         SELECT 'another-fill', trade_id, order_id, account_id, symbol, side, qty, price, quote_qty, fee, fee_asset, liquidity, executed_at
         FROM fills WHERE id = ? AND account_id = ?`,
        [fill.id, account.id],
      ),
    ).rejects.toThrow('UNIQUE constraint failed: fills.order_id, fills.trade_id');
    expect(await database.query("SELECT * FROM pragma_foreign_key_list('fills')")).toHaveLength(2);
  });
});
