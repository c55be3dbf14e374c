import { HttpStatus } from '@nestjs/common';
import { ManualClock } from '@lilux/api/shared';
import { SimulatedMarket } from '@lilux/api/simulated-market';
import { BinanceTestServer } from '@lilux/api/testing';
import { startTradingTestBed } from '@lilux/api/orders/testing';
// Every user has a paper account, which the accounts list shows beside the exchange's.
import { PaperExchangeModule } from '@lilux/api/paper-exchange';
import {
  AccountsService,
  ExchangeKeyRejectedError,
  ExchangeRefusedOrderError,
  ExchangeUnreachableError,
  InvalidOrderError,
  OrdersService,
} from '@lilux/api/orders';
import { CcxtExchangeModule } from './ccxt-exchange.module';
import { CcxtExchange } from './ccxt-exchange';
import { ExchangeAccountsService } from './exchange-accounts.service';

const SECRET = 'CcxtSecret0123456789CcxtSecret0123456789CcxtSecret0123456789abcd';
const UNKNOWN_FAULT = {
  kind: 'binance-error',
  status: 503,
  code: -1007,
  msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
} as const;

describe('orders on a Binance testnet account (real SQLite, real ccxt, local Binance)', () => {
  const clock = new ManualClock(Date.now());
  const binance = new BinanceTestServer(new SimulatedMarket(3));
  let bed: Awaited<ReturnType<typeof startTradingTestBed>>;
  let users = 0;

  const orders = () => bed.app.get(OrdersService);
  /** A new user with a testnet account holding `balances`, under a key of its own. */
  const newTrader = async (balances: Record<string, string> = { USDT: '50000' }) => {
    const username = `exchange${++users}`;
    const userId = await bed.newUser(username);
    const apiKey = `CcxtKey${users}`.padEnd(64, 'k');
    binance.addAccount(apiKey, SECRET, balances);
    const account = await bed.app.get(ExchangeAccountsService).add(userId, {
      exchange: 'binance',
      mode: 'testnet',
      label: 'Testnet',
      apiKey,
      secret: SECRET,
      password: `password-of-${username}`,
    });
    return { userId, apiKey, accountId: account.id };
  };
  const exchangeOrders = (apiKey: string, clientOrderId: string) => binance.ordersOf(apiKey).filter((order) => order.clientOrderId === clientOrderId);

  beforeAll(async () => {
    bed = await startTradingTestBed(clock, [PaperExchangeModule, CcxtExchangeModule], {
      BINANCE_TESTNET_URL: await binance.start(),
      EXCHANGE_TIMEOUT_MS: 2000,
    });
  });
  afterAll(async () => {
    await bed.close();
    await binance.stop();
  });
  beforeEach(() => {
    clock.set(Date.now());
    binance.clearFaults();
  });

  it('fills a market buy on the exchange, with our client order id, and records its fill', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    const { order, created } = await orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId, clientOrderId: 'buy-1' });
    expect(created).toBe(true);
    expect(order).toMatchObject({ status: 'filled', filledQty: '0.01', feeAsset: 'BTC', fee: '0.00001' });
    expect(order.transitions.map((transition) => transition.status)).toEqual(['new', 'filled']);
    expect(exchangeOrders(apiKey, 'buy-1')).toHaveLength(1);
    const { trades } = await orders().trades(userId, { accountId, limit: 50, offset: 0 });
    expect(trades).toEqual([expect.objectContaining({ orderId: order.id, side: 'buy', qty: '0.01', fee: '0.00001', feeAsset: 'BTC', liquidity: 'taker' })]);
  });

  it('rests a limit order on the exchange and cancels it there', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    const { order } = await orders().place(userId, { symbol: 'ETH/USDT', side: 'buy', qty: '1', price: '100', accountId, clientOrderId: 'rest-1' });
    expect(order.status).toBe('open');
    const canceled = await orders().cancel(userId, order.id);
    expect(canceled.status).toBe('canceled');
    expect(exchangeOrders(apiKey, 'rest-1').map((sent) => sent.status)).toEqual(['CANCELED']);
  });

  it('learns of a fill that happened on the exchange while the order rested', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    const { order } = await orders().place(userId, { symbol: 'ETH/USDT', side: 'buy', qty: '1', price: '100', accountId, clientOrderId: 'rest-2' });
    binance.fillRestingOrder(apiKey, 'rest-2');
    await bed.app.get(CcxtExchange).reconcile();
    const filled = await orders().get(userId, order.id);
    expect(filled).toMatchObject({ status: 'filled', filledQty: '1', averagePrice: '100' });
    const { trades } = await orders().trades(userId, { accountId, limit: 50, offset: 0 });
    expect(trades).toEqual([expect.objectContaining({ orderId: order.id, qty: '1', price: '100', fee: '0.001', feeAsset: 'ETH', liquidity: 'maker' })]);
  });

  it('records each trade of an order filled in three parts once, with its own fee, and the cancel of the rest', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    const { order } = await orders().place(userId, { symbol: 'ETH/USDT', side: 'buy', qty: '1', price: '100', accountId, clientOrderId: 'parts-1' });
    const reconcile = () => bed.app.get(CcxtExchange).reconcile();
    const tradesOfOrder = async () => (await orders().trades(userId, { accountId, limit: 50, offset: 0 })).trades.filter((trade) => trade.orderId === order.id);

    for (const [part, filledQty, fee] of [
      ['0.2', '0.2', '0.0002'],
      ['0.3', '0.5', '0.0005'],
      ['0.1', '0.6', '0.0006'],
    ]) {
      binance.fillRestingOrderPartly(apiKey, 'parts-1', part);
      await reconcile();
      // A poll that finds nothing new records nothing again.
      await reconcile();
      expect(await orders().get(userId, order.id)).toMatchObject({ status: 'partially_filled', filledQty, fee, feeAsset: 'ETH', averagePrice: '100' });
    }
    const canceled = await orders().cancel(userId, order.id);
    expect(canceled).toMatchObject({ status: 'canceled', filledQty: '0.6', fee: '0.0006' });
    expect(canceled.transitions.map((transition) => transition.status)).toEqual(['new', 'open', 'partially_filled', 'canceled']);

    const trades = await tradesOfOrder();
    expect(trades.map((trade) => [trade.qty, trade.fee, trade.feeAsset, trade.liquidity]).sort()).toEqual([
      ['0.1', '0.0001', 'ETH', 'maker'],
      ['0.2', '0.0002', 'ETH', 'maker'],
      ['0.3', '0.0003', 'ETH', 'maker'],
    ]);
    // The ledger explains the exchange's balances to the last digit: 0.6 bought less 0.0006 paid in ETH, 60 USDT spent.
    const balances = await orders().balancesOf(await bed.app.get(AccountsService).resolve(userId, accountId));
    expect(balances.find((balance) => balance.asset === 'ETH')).toMatchObject({ free: '0.5994', locked: '0' });
    expect(balances.find((balance) => balance.asset === 'USDT')).toMatchObject({ free: '49940', locked: '0' });
  });

  it('arms stop-loss and take-profit as one OCO list once the entry fills; the first to fill cancels the other', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    const { order: entry } = await orders().place(userId, {
      symbol: 'ETH/USDT',
      side: 'buy',
      qty: '1',
      sl: '10',
      tp: '900000',
      accountId,
      clientOrderId: 'bracket-1',
    });
    expect(entry.status).toBe('filled');
    const legs = (await orders().list(userId, { accountId, status: 'open', limit: 10, offset: 0 })).orders;
    expect(legs.map(({ role, side, qty, price, parentId }) => ({ role, side, qty, price, parentId })).sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { role: 'stop_loss', side: 'sell', qty: '0.999', price: '10', parentId: entry.id },
      { role: 'take_profit', side: 'sell', qty: '0.999', price: '900000', parentId: entry.id },
    ]);
    const sent = binance.ordersOf(apiKey).filter((order) => order.orderListId !== -1);
    expect(sent.map((order) => [order.type, order.status])).toEqual([
      ['STOP_LOSS_LIMIT', 'NEW'],
      ['LIMIT_MAKER', 'NEW'],
    ]);

    const takeProfit = legs.find((leg) => leg.role === 'take_profit');
    binance.fillRestingOrder(apiKey, takeProfit?.clientOrderId ?? '');
    await bed.app.get(CcxtExchange).reconcile();
    const after = (await orders().list(userId, { accountId, limit: 10, offset: 0 })).orders;
    expect(
      after
        .filter((order) => order.role !== 'entry')
        .map((order) => [order.role, order.status])
        .sort(),
    ).toEqual([
      ['stop_loss', 'canceled'],
      ['take_profit', 'filled'],
    ]);
  });

  it('arms stop-loss and take-profit on a limit entry that rested, once the exchange fills it', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    const { order: entry } = await orders().place(userId, {
      ...{ symbol: 'ETH/USDT', side: 'buy', qty: '1', price: '100', sl: '50', tp: '900000' },
      ...{ accountId, clientOrderId: 'bracket-rest' },
    });
    expect(entry).toMatchObject({ status: 'open', sl: '50', tp: '900000' });
    binance.fillRestingOrder(apiKey, 'bracket-rest');
    await bed.app.get(CcxtExchange).reconcile();
    const legs = (await orders().list(userId, { accountId, status: 'open', limit: 10, offset: 0 })).orders;
    expect(legs.map(({ role, qty, price, parentId }) => ({ role, qty, price, parentId })).sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { role: 'stop_loss', qty: '0.999', price: '50', parentId: entry.id },
      { role: 'take_profit', qty: '0.999', price: '900000', parentId: entry.id },
    ]);
    expect(binance.ordersOf(apiKey).filter((order) => order.orderListId !== -1)).toHaveLength(2);
  });

  it('keeps the legs of an OCO list whose answer never came unknown, then finds them armed on the exchange', async () => {
    const { userId, accountId } = await newTrader();
    // The exchange places the list but answers after the client's 2 s timeout: rejecting the legs would be wrong.
    binance.inject({ kind: 'accept-then-delay', delayMs: 2500 }, { path: '/api/v3/orderList/oco', method: 'POST' });
    await orders().place(userId, { symbol: 'ETH/USDT', side: 'buy', qty: '1', sl: '10', tp: '900000', accountId, clientOrderId: 'bracket-late' });
    const legs = async () =>
      (await orders().list(userId, { accountId, limit: 10, offset: 0 })).orders
        .filter((order) => order.role !== 'entry')
        .map((order) => [order.role, order.status]);
    expect((await legs()).sort()).toEqual([
      ['stop_loss', 'unknown'],
      ['take_profit', 'unknown'],
    ]);
    await bed.app.get(CcxtExchange).reconcile();
    expect((await legs()).sort()).toEqual([
      ['stop_loss', 'open'],
      ['take_profit', 'open'],
    ]);
  });

  it('answers both requests of a retry that overtook a slow first answer with the one filled order', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    // The exchange takes the order at once but answers after 1.2 s, within the client's 2 s timeout.
    binance.inject({ kind: 'accept-then-delay', delayMs: 1200 }, { path: '/api/v3/order', method: 'POST', clientOrderId: 'overtaken' });
    const request = { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId, clientOrderId: 'overtaken' } as const;
    const first = orders().place(userId, request);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const retry = await orders().place(userId, request);
    expect(retry).toMatchObject({ created: false, order: { status: 'filled', filledQty: '0.01' } });
    expect(await first).toMatchObject({ created: true, order: { id: retry.order.id, status: 'filled', filledQty: '0.01' } });
    expect(exchangeOrders(apiKey, 'overtaken')).toHaveLength(1);
    const { trades } = await orders().trades(userId, { accountId, limit: 50, offset: 0 });
    expect(trades.filter((trade) => trade.orderId === retry.order.id)).toHaveLength(1);
  });

  it('cancels both legs of an OCO pair when the trader cancels one', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    await orders().place(userId, { symbol: 'ETH/USDT', side: 'buy', qty: '1', sl: '10', tp: '900000', accountId });
    const [leg] = (await orders().list(userId, { accountId, status: 'open', limit: 10, offset: 0 })).orders;
    await orders().cancel(userId, leg.id);
    expect((await orders().list(userId, { accountId, status: 'open', limit: 10, offset: 0 })).total).toBe(0);
    expect(
      binance
        .ordersOf(apiKey)
        .filter((order) => order.orderListId !== -1)
        .map((order) => order.status),
    ).toEqual(['CANCELED', 'CANCELED']);
  });

  it("refuses with the exchange's reason when the funds are not there, and records the order as rejected", async () => {
    const { userId, accountId } = await newTrader({ USDT: '10' });
    const attempt = orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId, clientOrderId: 'poor-1' });
    await expect(attempt).rejects.toBeInstanceOf(ExchangeRefusedOrderError);
    await expect(attempt).rejects.toMatchObject({
      status: HttpStatus.BAD_REQUEST,
      message: 'the exchange refused the order: Account has insufficient balance for requested action.',
    });
    const [rejected] = (await orders().list(userId, { accountId, limit: 10, offset: 0 })).orders;
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'Account has insufficient balance for requested action.' });
  });

  it('says the key was rejected when the exchange refuses it', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    binance.revokeKey(apiKey);
    await expect(orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId })).rejects.toBeInstanceOf(ExchangeKeyRejectedError);
  });

  it('learns the fate of an order the exchange took but never confirmed, and a retry sends nothing new', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    binance.inject({ kind: 'accept-then-delay', delayMs: 3000 }, { path: '/api/v3/order', clientOrderId: 'late-1' });
    const first = await orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId, clientOrderId: 'late-1' });
    expect(first.order.status).toBe('filled');
    expect(first.order.transitions.map((transition) => transition.status)).toEqual(['new', 'unknown', 'filled']);

    const retry = await orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId, clientOrderId: 'late-1' });
    expect(retry).toEqual({ order: first.order, created: false });
    expect(exchangeOrders(apiKey, 'late-1')).toHaveLength(1);
    // Looked up rather than answered, the order came without its trades: they were asked for, commission included.
    const { trades } = await orders().trades(userId, { accountId, limit: 50, offset: 0 });
    expect(trades).toEqual([expect.objectContaining({ orderId: first.order.id, qty: '0.01', fee: '0.00001', feeAsset: 'BTC' })]);
  });

  it('keeps an order unknown while the exchange cannot say, then rejects it once it clearly never arrived', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    binance.inject(UNKNOWN_FAULT, { path: '/api/v3/order', clientOrderId: 'lost-1', times: 2 });
    const attempt = orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId, clientOrderId: 'lost-1' });
    await expect(attempt).rejects.toBeInstanceOf(ExchangeUnreachableError);
    const [unknown] = (await orders().list(userId, { accountId, limit: 10, offset: 0 })).orders;
    expect(unknown.status).toBe('unknown');

    clock.advance(60_000);
    expect((await orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId, clientOrderId: 'lost-1' })).order.status).toBe('unknown');
    clock.advance(120_000);
    const settled = await orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId, clientOrderId: 'lost-1' });
    expect(settled).toMatchObject({ created: false, order: { status: 'rejected', rejectReason: 'the exchange never received it' } });
    expect(exchangeOrders(apiKey, 'lost-1')).toHaveLength(0);
  });

  it('reconciles an unknown order at start-up, before taking new orders', async () => {
    const { userId, apiKey, accountId } = await newTrader();
    binance.inject({ kind: 'accept-then-delay', delayMs: 3000 }, { path: '/api/v3/order', method: 'POST', clientOrderId: 'crash-1' });
    binance.inject({ kind: 'server-error', status: 502 }, { path: '/api/v3/order', method: 'GET', clientOrderId: 'crash-1' });
    await expect(orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId, clientOrderId: 'crash-1' })).rejects.toBeInstanceOf(
      ExchangeUnreachableError,
    );
    expect(exchangeOrders(apiKey, 'crash-1')).toHaveLength(1);

    await bed.restart();
    const next = await orders().place(userId, { symbol: 'ETH/USDT', side: 'buy', qty: '0.1', accountId, clientOrderId: 'after-1' });
    expect(next.order.status).toBe('filled');
    const reconciled = (await orders().list(userId, { accountId, limit: 10, offset: 0 })).orders.find((order) => order.clientOrderId === 'crash-1');
    expect(reconciled?.status).toBe('filled');
  });

  it('pauses an account the exchange asked to slow down, for as long as it asked, without sending anything', async () => {
    const { userId, accountId } = await newTrader();
    const buy = () => orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId });
    const ordersSent = () => binance.requests.filter((request) => request.method === 'POST' && request.path === '/api/v3/order').length;
    binance.inject({ kind: 'rate-limit', retryAfterSeconds: 45 }, { path: '/api/v3/order', method: 'POST' });
    await expect(buy()).rejects.toMatchObject({ status: HttpStatus.SERVICE_UNAVAILABLE, retryAfterSeconds: 45 });
    const sent = ordersSent();

    clock.advance(44_000);
    await expect(buy()).rejects.toMatchObject({ status: HttpStatus.SERVICE_UNAVAILABLE, retryAfterSeconds: 1 });
    expect(ordersSent()).toBe(sent);

    clock.advance(1_000);
    expect((await buy()).order.status).toBe('filled');
  });

  it('doubles the pause while the exchange keeps refusing, and starts again from the shortest once an order goes through', async () => {
    const { userId, accountId } = await newTrader();
    const buy = () => orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId });
    const refusedFor = async () => ((await buy().catch((error: unknown) => error)) as ExchangeUnreachableError).retryAfterSeconds;
    binance.inject({ kind: 'rate-limit', retryAfterSeconds: 0 }, { path: '/api/v3/order', method: 'POST', times: 2 });
    expect(await refusedFor()).toBe(10);
    clock.advance(10_000);
    expect(await refusedFor()).toBe(20);
    clock.advance(20_000);
    expect((await buy()).order.status).toBe('filled');

    binance.inject({ kind: 'ban', retryAfterSeconds: 0 }, { path: '/api/v3/order', method: 'POST' });
    expect(await refusedFor()).toBe(10);
  });

  it('takes no order on a live account while live trading is switched off', async () => {
    const username = `live${++users}`;
    const userId = await bed.newUser(username);
    const live = await bed.app.get(ExchangeAccountsService).add(userId, {
      exchange: 'binance',
      mode: 'live',
      label: 'Live',
      apiKey: 'LiveKey'.padEnd(64, 'x'),
      secret: SECRET,
      password: `password-of-${username}`,
    });
    const attempt = orders().place(userId, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId: live.id });
    await expect(attempt).rejects.toBeInstanceOf(InvalidOrderError);
    await expect(attempt).rejects.toMatchObject({ fields: { accountId: expect.stringContaining('live trading is switched off') } });
  });
});
