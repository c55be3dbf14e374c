import { ConfigService } from '@nestjs/config';
import { Environment } from '@lilux/api/shared';
import { SimulatedMarket } from '@lilux/api/simulated-market';
import { BinanceTestServer } from '@lilux/api/testing';
import * as ccxt from 'ccxt';
import { BinanceClients } from './binance-client';

const API_KEY = 'OrdersKey0123456789OrdersKey0123456789OrdersKey0123456789abcdEF';
const SECRET = 'OrdersSecret0123456789OrdersSecret0123456789OrdersSecret01234567';

/**
 * ccxt, configured by our BinanceClients as exchange accounts will use it, against the test server's signed
 * order endpoints: the formats parse, the balances move, and the faults arrive as the ccxt errors Binance's
 * would. This is the ground the order adapter for exchange accounts stands on.
 */
describe('Binance orders through ccxt against the test server', () => {
  const server = new BinanceTestServer(new SimulatedMarket(4));
  let exchange: ccxt.binance;
  let clients: BinanceClients;

  beforeAll(async () => {
    const baseUrl = await server.start();
    server.addAccount(API_KEY, SECRET, { USDT: '10000' });
    const settings: Record<string, unknown> = { BINANCE_TESTNET_URL: baseUrl, EXCHANGE_TIMEOUT_MS: 2000 };
    clients = new BinanceClients(new ConfigService(settings) as ConfigService<Environment, true>);
    exchange = clients.create('testnet', { apiKey: API_KEY, secret: SECRET });
    await exchange.loadMarkets();
  });
  afterAll(() => server.stop());
  afterEach(() => server.clearFaults());

  it('fills a market buy with our client order id, the commission in the asset bought', async () => {
    const order = await exchange.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { clientOrderId: 'lilux-1' });
    expect(order).toMatchObject({ clientOrderId: 'lilux-1', status: 'closed', filled: 0.01, side: 'buy', type: 'market' });
    expect(order.trades[0].fee).toMatchObject({ currency: 'BTC', cost: 0.00001 });
    const balances = await clients.balances('testnet', { apiKey: API_KEY, secret: SECRET });
    expect(balances.find((balance) => balance.asset === 'BTC')).toEqual({ asset: 'BTC', free: '0.00999', locked: '0' });
    expect(Number(balances.find((balance) => balance.asset === 'USDT')?.free)).toBeCloseTo(10000 - 0.01 * (order.average ?? 0), 6);
    expect((await exchange.fetchMyTrades('BTC/USDT')).map((trade) => trade.order)).toEqual([order.id]);
  });

  it('rests a limit buy below the price, finds it by client order id, and cancels it', async () => {
    const price = Math.floor(((await exchange.fetchTicker('ETH/USDT')).last ?? 0) * 0.8);
    const placed = await exchange.createOrder('ETH/USDT', 'limit', 'buy', 1, price, { clientOrderId: 'lilux-2' });
    expect(placed.status).toBe('open');
    expect((await exchange.fetchOpenOrders('ETH/USDT')).map((order) => order.clientOrderId)).toEqual(['lilux-2']);
    expect((await exchange.fetchOrder('', 'ETH/USDT', { origClientOrderId: 'lilux-2' })).id).toBe(placed.id);
    const locked = await clients.balances('testnet', { apiKey: API_KEY, secret: SECRET });
    expect(locked.find((balance) => balance.asset === 'USDT')?.locked).toBe(String(price));

    expect((await exchange.cancelOrder(String(placed.id), 'ETH/USDT')).status).toBe('canceled');
    const unlocked = await clients.balances('testnet', { apiKey: API_KEY, secret: SECRET });
    expect(unlocked.find((balance) => balance.asset === 'USDT')?.locked).toBe('0');
    await expect(exchange.fetchOrder('', 'ETH/USDT', { origClientOrderId: 'never-sent' })).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });

  it("refuses what the balance cannot pay with Binance's -2010, which ccxt calls InsufficientFunds", async () => {
    await expect(exchange.createOrder('BTC/USDT', 'market', 'buy', 100, undefined, { clientOrderId: 'lilux-3' })).rejects.toBeInstanceOf(
      ccxt.InsufficientFunds,
    );
  });

  it('turns -1007 and an answer that never comes into timeouts, while the order may still exist', async () => {
    server.inject(
      {
        kind: 'binance-error',
        status: 408,
        code: -1007,
        msg: 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.',
      },
      { path: '/api/v3/order' },
    );
    await expect(exchange.createOrder('SOL/USDT', 'market', 'buy', 1, undefined, { clientOrderId: 'lilux-4' })).rejects.toBeInstanceOf(ccxt.RequestTimeout);

    server.inject({ kind: 'accept-then-delay', delayMs: 3500 }, { path: '/api/v3/order' });
    await expect(exchange.createOrder('SOL/USDT', 'market', 'buy', 1, undefined, { clientOrderId: 'lilux-5' })).rejects.toBeInstanceOf(ccxt.RequestTimeout);
    // The exchange did take it: looking it up by client order id is how the order's fate is learned.
    const found = await exchange.fetchOrder('', 'SOL/USDT', { origClientOrderId: 'lilux-5' });
    expect(found).toMatchObject({ clientOrderId: 'lilux-5', status: 'closed', filled: 1 });
    expect(server.ordersOf(API_KEY).filter((order) => order.clientOrderId === 'lilux-5')).toHaveLength(1);
  });

  it('refuses a request whose signature does not match, as an authentication error', async () => {
    const forged = clients.create('testnet', { apiKey: API_KEY, secret: 'WrongSecret0123456789WrongSecret0123456789WrongSecret0123456789a' });
    await expect(forged.fetchBalance()).rejects.toBeInstanceOf(ccxt.AuthenticationError);
  });
});
