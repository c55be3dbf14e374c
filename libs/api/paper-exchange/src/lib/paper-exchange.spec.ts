import { HttpStatus } from '@nestjs/common';
import { MarketService } from '@lilux/api/market';
import { ManualClock } from '@lilux/api/shared';
import fc from 'fast-check';
import { startTradingTestBed } from '@lilux/api/orders/testing';
import { AccountsService, InvalidOrderError, money, OrderNotCancelableError, OrdersService } from '@lilux/api/orders';
import { PaperExchangeModule } from './paper-exchange.module';
import { PaperMatchingEngine } from './paper-matching-engine';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 30);

describe('the paper exchange (real SQLite, simulated market)', () => {
  const clock = new ManualClock(NOW);
  let bed: Awaited<ReturnType<typeof startTradingTestBed>>;
  let orders: OrdersService;
  let accounts: AccountsService;
  let engine: PaperMatchingEngine;
  let market: MarketService;
  let users = 0;

  const refresh = () => {
    orders = bed.app.get(OrdersService);
    accounts = bed.app.get(AccountsService);
    engine = bed.app.get(PaperMatchingEngine);
    market = bed.app.get(MarketService);
  };
  const newTrader = () => bed.newUser(`trader${++users}`);
  const usdt = async (userId: string) => {
    const [account] = await accounts.list(userId);
    const balance = account.balances.find((b) => b.asset === 'USDT');
    return { free: balance?.free, locked: balance?.locked };
  };
  const last = async (symbol: string) => money((await market.ticker(symbol)).last);

  beforeAll(async () => {
    bed = await startTradingTestBed(clock, [PaperExchangeModule]);
    refresh();
  });
  afterAll(() => bed.close());
  beforeEach(() => clock.set(NOW));

  it('fills a market buy at the last price plus slippage, rounded to the tick, with the taker fee', async () => {
    const trader = await newTrader();
    const price = await last('BTC/USDT');
    const { order, created } = await orders.place(trader, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01' });
    expect(created).toBe(true);
    expect(order.status).toBe('filled');
    const expectedPrice = price.mul('1.0005').div('0.01').ceil().mul('0.01');
    expect(order.averagePrice).toBe(expectedPrice.toFixed());
    const fee = expectedPrice.mul('0.01').mul('0.001').toDecimalPlaces(8, 0);
    expect(order.fee).toBe(fee.toFixed());
    expect((await usdt(trader)).free).toBe(money(10000).minus(expectedPrice.mul('0.01')).minus(fee).toFixed());
    expect(order.transitions.map((t) => t.status)).toEqual(['new', 'filled']);
    expect((await orders.audit(trader)).ok).toBe(true);
  });

  it('refuses an order the free balance cannot pay and writes nothing', async () => {
    const trader = await newTrader();
    const attempt = orders.place(trader, { symbol: 'BTC/USDT', side: 'buy', qty: '1' });
    await expect(attempt).rejects.toBeInstanceOf(InvalidOrderError);
    await expect(attempt).rejects.toMatchObject({ status: HttpStatus.BAD_REQUEST, fields: { qty: expect.stringContaining('USDT') } });
    expect((await orders.list(trader, { limit: 50, offset: 0 })).total).toBe(0);
    expect(await usdt(trader)).toEqual({ free: '10000', locked: '0' });
  });

  it('rests a limit buy, locks its cost and fee, and fills it at its price as maker when the price falls to it', async () => {
    const trader = await newTrader();
    const limit = (await last('ETH/USDT')).mul('0.9').toDecimalPlaces(2);
    const { order } = await orders.place(trader, { symbol: 'ETH/USDT', side: 'buy', qty: '2', price: limit.toFixed() });
    expect(order.status).toBe('open');
    const lock = limit.mul(2).mul('1.001');
    expect(await usdt(trader)).toEqual({ free: money(10000).minus(lock).toFixed(), locked: lock.toFixed() });

    await engine.matchAt('ETH/USDT', limit.plus('0.01').toFixed());
    expect((await orders.get(trader, order.id)).status).toBe('open');
    await engine.matchAt('ETH/USDT', limit.minus(5).toFixed());
    const filled = await orders.get(trader, order.id);
    expect(filled).toMatchObject({ status: 'filled', averagePrice: limit.toFixed(), fee: limit.mul(2).mul('0.001').toFixed() });
    expect(filled.transitions.map((t) => t.status)).toEqual(['new', 'open', 'filled']);
    expect((await usdt(trader)).locked).toBe('0');
    expect((await orders.audit(trader)).ok).toBe(true);
  });

  it('cancels a resting order, frees its funds, and refuses to cancel it twice', async () => {
    const trader = await newTrader();
    const { order } = await orders.place(trader, { symbol: 'SOL/USDT', side: 'buy', qty: '1', price: '10' });
    const canceled = await orders.cancel(trader, order.id);
    expect(canceled.status).toBe('canceled');
    expect(await usdt(trader)).toEqual({ free: '10000', locked: '0' });
    await expect(orders.cancel(trader, order.id)).rejects.toBeInstanceOf(OrderNotCancelableError);
    await engine.matchAt('SOL/USDT', '5');
    expect((await orders.get(trader, order.id)).status).toBe('canceled');
  });

  it('arms stop-loss and take-profit when the entry fills; the first to trigger fills and cancels the other', async () => {
    const trader = await newTrader();
    const price = await last('BTC/USDT');
    const sl = price.mul('0.95').toDecimalPlaces(2);
    const tp = price.mul('1.05').toDecimalPlaces(2);
    const { order: entry } = await orders.place(trader, { symbol: 'BTC/USDT', side: 'buy', qty: '0.02', sl: sl.toFixed(), tp: tp.toFixed() });
    const legs = (await orders.list(trader, { limit: 50, offset: 0, status: 'open' })).orders;
    expect(legs.map((leg) => [leg.role, leg.side, leg.price, leg.qty, leg.parentId]).sort()).toEqual([
      ['stop_loss', 'sell', sl.toFixed(), '0.02', entry.id],
      ['take_profit', 'sell', tp.toFixed(), '0.02', entry.id],
    ]);
    const [account] = await accounts.list(trader);
    expect(account.balances.find((b) => b.asset === 'BTC')).toEqual({ asset: 'BTC', free: '0', locked: '0.02' });

    await engine.matchAt('BTC/USDT', tp.plus(10).toFixed());
    const after = (await orders.list(trader, { limit: 50, offset: 0 })).orders;
    expect(after.find((o) => o.role === 'take_profit')).toMatchObject({ status: 'filled', averagePrice: tp.toFixed() });
    expect(after.find((o) => o.role === 'stop_loss')).toMatchObject({ status: 'canceled' });
    const [afterAccount] = await accounts.list(trader);
    expect(afterAccount.balances.find((b) => b.asset === 'BTC')).toEqual({ asset: 'BTC', free: '0', locked: '0' });
    expect((await orders.audit(trader)).ok).toBe(true);
  });

  it('rejects a resting sell whose stop-loss it can no longer afford when it fills, and changes nothing else', async () => {
    const trader = await newTrader();
    const price = await last('BTC/USDT');
    await orders.place(trader, { symbol: 'BTC/USDT', side: 'buy', qty: '0.09' });
    const [bought] = await accounts.list(trader);
    const limit = price.mul('1.01').toDecimalPlaces(2);
    // Buying 0.09 BTC back at a stop 50 % above needs more USDT than the sale brings in on top of what is left.
    const sl = price.mul('1.5').toDecimalPlaces(2);
    const { order } = await orders.place(trader, { symbol: 'BTC/USDT', side: 'sell', qty: '0.09', price: limit.toFixed(), sl: sl.toFixed() });
    expect(order.status).toBe('open');

    await engine.matchAt('BTC/USDT', limit.plus(1).toFixed());
    const rejected = await orders.get(trader, order.id);
    expect(rejected).toMatchObject({ status: 'rejected', filledQty: '0', rejectReason: expect.stringContaining('USDT') });
    expect(rejected.transitions.map((transition) => transition.status)).toEqual(['new', 'open', 'rejected']);
    expect((await orders.list(trader, { limit: 50, offset: 0 })).orders.filter((o) => o.role !== 'entry')).toEqual([]);
    const [after] = await accounts.list(trader);
    expect(after.balances).toEqual(bought.balances);
    expect(await orders.audit(trader)).toMatchObject({ ok: true, fills: 1 });
  });

  it('fills a triggered stop-loss as a market order below its trigger when the price gaps through it', async () => {
    const trader = await newTrader();
    const price = await last('BTC/USDT');
    const sl = price.mul('0.95').toDecimalPlaces(2);
    await orders.place(trader, { symbol: 'BTC/USDT', side: 'buy', qty: '0.02', sl: sl.toFixed() });
    const gap = sl.minus(100);
    await engine.matchAt('BTC/USDT', gap.toFixed());
    const stop = (await orders.list(trader, { limit: 50, offset: 0 })).orders.find((o) => o.role === 'stop_loss');
    expect(stop?.status).toBe('filled');
    expect(stop?.averagePrice).toBe(gap.mul('0.9995').div('0.01').floor().mul('0.01').toFixed());
    expect((await orders.audit(trader)).ok).toBe(true);
  });

  it('returns the first order for a repeated client order id, also when the requests arrive together', async () => {
    const trader = await newTrader();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => orders.place(trader, { symbol: 'ETH/USDT', side: 'buy', qty: '0.1', clientOrderId: 'same-id' })),
    );
    expect(new Set(results.map((result) => result.order.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect((await orders.list(trader, { limit: 50, offset: 0 })).total).toBe(1);
  });

  it('never spends the same funds twice when many orders arrive at once', async () => {
    const trader = await newTrader();
    const price = await last('BTC/USDT');
    const qty = money(1500).div(price).toDecimalPlaces(5);
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => orders.place(trader, { symbol: 'BTC/USDT', side: 'buy', qty: qty.toFixed() })));
    const filled = results.filter((result) => result.status === 'fulfilled');
    expect(filled).toHaveLength(6);
    expect(
      results.filter((result) => result.status === 'rejected').every((result) => (result as PromiseRejectedResult).reason instanceof InvalidOrderError),
    ).toBe(true);
    expect(Number((await usdt(trader)).free)).toBeGreaterThanOrEqual(0);
    expect((await orders.audit(trader)).ok).toBe(true);
  });

  it('commits orders arriving together as one group in which a refused order leaves no trace', async () => {
    const [first, second] = [await newTrader(), await newTrader()];
    const [small, tooLarge, other] = await Promise.allSettled([
      orders.place(first, { symbol: 'ETH/USDT', side: 'buy', qty: '0.5' }),
      orders.place(first, { symbol: 'BTC/USDT', side: 'buy', qty: '5' }),
      orders.place(second, { symbol: 'ETH/USDT', side: 'buy', qty: '1', price: (await last('ETH/USDT')).mul('0.5').toDecimalPlaces(2).toFixed() }),
    ]);
    expect(tooLarge).toMatchObject({ status: 'rejected', reason: expect.any(InvalidOrderError) });
    expect(small).toMatchObject({ status: 'fulfilled', value: { order: { status: 'filled' } } });
    expect(other).toMatchObject({ status: 'fulfilled', value: { order: { status: 'open' } } });

    const filled = (small as PromiseFulfilledResult<{ order: { averagePrice: string; fee: string } }>).value.order;
    const spent = money(filled.averagePrice).mul('0.5').plus(filled.fee);
    expect(await usdt(first)).toEqual({ free: money(10000).minus(spent).toFixed(), locked: '0' });
    expect((await orders.list(first, { limit: 50, offset: 0 })).total).toBe(1);
    expect((await orders.audit(first)).ok).toBe(true);
    expect((await orders.audit(second)).ok).toBe(true);
  });

  it('keeps resting orders and armed brackets across a restart and fills them afterwards', async () => {
    const trader = await newTrader();
    const price = await last('BTC/USDT');
    const limit = price.mul('0.8').toDecimalPlaces(2);
    const { order: resting } = await orders.place(trader, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', price: limit.toFixed() });
    const tp = price.mul('1.1').toDecimalPlaces(2);
    await orders.place(trader, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', tp: tp.toFixed() });

    await bed.restart();
    refresh();
    await engine.matchAt('BTC/USDT', limit.minus(1).toFixed());
    expect((await orders.get(trader, resting.id)).status).toBe('filled');
    await engine.matchAt('BTC/USDT', tp.toFixed());
    const takeProfit = (await orders.list(trader, { limit: 50, offset: 0 })).orders.find((o) => o.role === 'take_profit');
    expect(takeProfit?.status).toBe('filled');
    expect((await orders.audit(trader)).ok).toBe(true);
  });

  it('keeps the ledger whole for any sequence of orders, cancels and ticks', async () => {
    const base = Number(await last('ETH/USDT'));
    const command = fc.oneof(
      fc.record({ kind: fc.constant('market' as const), side: fc.constantFrom('buy' as const, 'sell' as const), qty: fc.integer({ min: 1, max: 40 }) }),
      fc.record({
        kind: fc.constant('limit' as const),
        side: fc.constantFrom('buy' as const, 'sell' as const),
        qty: fc.integer({ min: 1, max: 40 }),
        offset: fc.integer({ min: -50, max: 50 }),
        bracket: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('tick' as const), offset: fc.integer({ min: -100, max: 100 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        const trader = await newTrader();
        for (const step of commands) {
          try {
            if (step.kind === 'market') {
              await orders.place(trader, { symbol: 'ETH/USDT', side: step.side, qty: (step.qty / 10).toString() });
            } else if (step.kind === 'limit') {
              const price = (base * (1 + step.offset / 1000)).toFixed(2);
              const bracket = step.bracket
                ? step.side === 'buy'
                  ? { sl: (Number(price) * 0.97).toFixed(2), tp: (Number(price) * 1.03).toFixed(2) }
                  : { sl: (Number(price) * 1.03).toFixed(2), tp: (Number(price) * 0.97).toFixed(2) }
                : {};
              await orders.place(trader, { symbol: 'ETH/USDT', side: step.side, qty: (step.qty / 10).toString(), price, ...bracket });
            } else if (step.kind === 'cancel') {
              const open = (await orders.list(trader, { limit: 500, offset: 0, status: 'open' })).orders;
              if (open.length > 0) await orders.cancel(trader, open[step.pick % open.length].id);
            } else {
              await engine.matchAt('ETH/USDT', (base * (1 + step.offset / 1000)).toFixed(2));
            }
          } catch (error) {
            if (!(error instanceof InvalidOrderError)) throw error;
          }
        }
        const audit = await orders.audit(trader);
        expect(audit.differences).toEqual([]);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
