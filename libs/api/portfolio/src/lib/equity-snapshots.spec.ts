import { MarketService } from '@lilux/api/market';
import { AccountsService, money, OrdersService, PositionsService } from '@lilux/api/orders';
import { startTradingTestBed } from '@lilux/api/orders/testing';
import { PaperExchangeModule } from '@lilux/api/paper-exchange';
import { ManualClock } from '@lilux/api/shared';
import { CATCH_UP_MS, EquitySnapshots } from './equity-snapshots';
import { PortfolioModule } from './portfolio.module';
import { PortfolioService } from './portfolio.service';

const HOUR_MS = 3_600_000;
/** Ten past noon: far from an hour's boundary, which the tests cross by moving the clock. */
const NOON = Date.UTC(2026, 10, 24, 12, 10, 0);

describe('hourly points of the equity curve (real SQLite, simulated market, a clock the test moves)', () => {
  const clock = new ManualClock(NOON);
  let bed: Awaited<ReturnType<typeof startTradingTestBed>>;
  let users = 0;

  const get = <T>(type: new (...args: never[]) => T) => bed.app.get(type);
  const newTrader = async () => {
    const userId = await bed.newUser(`holder${++users}`);
    const [account] = await get(AccountsService).list(userId);
    return { userId, accountId: account.id };
  };
  /** What the account holds now, from its kept positions: cash change and quantity per symbol. */
  const holdings = async (accountId: string) => {
    const positions = await get(PositionsService).positionsOf(accountId);
    return {
      cash: positions.reduce((sum, position) => sum.plus(position.cashFlow), money(0)),
      qty: new Map(positions.map((position) => [position.symbol, money(position.qty)])),
    };
  };
  /** Cash plus each holding at the open of the hour's candle. */
  const valueAt = async (held: Awaited<ReturnType<typeof holdings>>, hour: number) => {
    let equity = money(10000).plus(held.cash);
    for (const [symbol, qty] of held.qty) {
      const [candle] = await get(MarketService).candles({ symbol, timeframe: '1h', since: hour, limit: 1 });
      expect(candle[0]).toBe(hour);
      equity = equity.plus(qty.mul(candle[1]));
    }
    return equity.toDecimalPlaces(8).toFixed();
  };
  const curve = async (userId: string) => (await get(PortfolioService).history(userId, '1d')).points;
  const hour = (hours: number) => Math.floor(NOON / HOUR_MS) * HOUR_MS + hours * HOUR_MS;

  beforeAll(async () => {
    bed = await startTradingTestBed(clock, [PaperExchangeModule, PortfolioModule]);
  });
  afterAll(() => bed.close());
  beforeEach(() => clock.set(NOON));

  it('adds a point at each hour an account holds something through, at the prices of that hour, with no fill and no look', async () => {
    const trader = await newTrader();
    await get(OrdersService).place(trader.userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.05' });
    await get(OrdersService).place(trader.userId, { symbol: 'SOL/USDT', side: 'buy', qty: '3' });
    const held = await holdings(trader.accountId);
    for (let hours = 1; hours <= 5; hours++) {
      clock.set(hour(hours) + 1000);
      await get(EquitySnapshots).catchUp(2 * HOUR_MS);
    }
    clock.set(hour(5) + 20 * 60_000);
    const points = await curve(trader.userId);
    for (let hours = 1; hours <= 5; hours++) {
      expect(points).toContainEqual({ time: new Date(hour(hours)).toISOString(), equity: await valueAt(held, hour(hours)) });
    }
    // Not a straight line: the hours' values moved with the market.
    expect(new Set(points.filter((point) => Date.parse(point.time) % HOUR_MS === 0).map((point) => point.equity)).size).toBeGreaterThan(1);
  });

  it('values nothing for an account that holds nothing, and never writes an hour twice', async () => {
    const idle = await newTrader();
    const holder = await newTrader();
    await get(OrdersService).place(holder.userId, { symbol: 'ETH/USDT', side: 'buy', qty: '0.2' });
    clock.set(hour(1) + 1000);
    expect(await get(EquitySnapshots).catchUp(2 * HOUR_MS)).toBeGreaterThanOrEqual(1);
    const first = await curve(holder.userId);
    // Later prices: a second run for the same hour (another instance, a retry) must not replace its point.
    clock.set(hour(1) + 30 * 60_000);
    expect(await get(EquitySnapshots).catchUp(2 * HOUR_MS)).toBe(0);
    const point = (points: { time: string; equity: string }[]) => points.find((one) => one.time === new Date(hour(1)).toISOString());
    expect(point(await curve(holder.userId))).toEqual(point(first));
    expect((await curve(idle.userId)).map((one) => one.equity)).toEqual(['10000', '10000']);
  });

  it('at start-up fills the hours it was down for, with what the account held at each, fills since undone', async () => {
    const trader = await newTrader();
    await get(OrdersService).place(trader.userId, { symbol: 'ETH/USDT', side: 'buy', qty: '0.4' });
    const bought = await holdings(trader.accountId);
    clock.set(hour(2) + 20 * 60_000);
    await get(OrdersService).place(trader.userId, { symbol: 'ETH/USDT', side: 'sell', qty: '0.3' });
    await get(OrdersService).place(trader.userId, { symbol: 'DOGE/USDT', side: 'buy', qty: '1000' });
    const sold = await holdings(trader.accountId);
    // Down from before 1 pm (no hourly run saw these hours) until half past five.
    clock.set(hour(5) + 30 * 60_000);
    await bed.restart();
    const points = await curve(trader.userId);
    expect(points).toContainEqual({ time: new Date(hour(1)).toISOString(), equity: await valueAt(bought, hour(1)) });
    expect(points).toContainEqual({ time: new Date(hour(2)).toISOString(), equity: await valueAt(bought, hour(2)) });
    for (const hours of [3, 4, 5]) {
      expect(points).toContainEqual({ time: new Date(hour(hours)).toISOString(), equity: await valueAt(sold, hour(hours)) });
    }
  });

  it('looks back a week at most', async () => {
    const trader = await newTrader();
    await get(OrdersService).place(trader.userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01' });
    clock.set(NOON + CATCH_UP_MS + 3 * HOUR_MS);
    expect(await get(EquitySnapshots).catchUp(CATCH_UP_MS)).toBeGreaterThanOrEqual(CATCH_UP_MS / HOUR_MS + 1);
    const week = await get(PortfolioService).history(trader.userId, '1m');
    const hourly = week.points.filter((point) => Date.parse(point.time) % HOUR_MS === 0);
    expect(Date.parse(hourly[0].time)).toBe(hour(3));
  }, 30_000);
});
