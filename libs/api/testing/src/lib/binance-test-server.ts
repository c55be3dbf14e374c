import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CANDLE_FIELDS, SimulatedInstrument, SimulatedMarket } from '@lilux/api/simulated-market';

/** What the server does to a request instead of (or before) answering it normally. */
export type BinanceFault =
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'ban'; retryAfterSeconds: number }
  | { kind: 'server-error'; status: 500 | 502 | 503 | 504 }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed-json' }
  /** Binance's own refusal, e.g. -2010 insufficient balance, -1007 status unknown, -2015 key refused. */
  | { kind: 'binance-error'; status: number; code: number; msg: string }
  /** Carries the request out, then answers only after `delayMs`: a client with a shorter timeout never hears. */
  | { kind: 'accept-then-delay'; delayMs: number };

interface ArmedFault {
  fault: BinanceFault;
  path?: string;
  method?: string;
  /** Only requests about this order (`newClientOrderId` or `origClientOrderId`). */
  clientOrderId?: string;
  remaining: number;
}

const INTERVAL_MS: Record<string, number> = {
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '8h': 28_800_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
};
/** Routes that need an API key and a signature, as on Binance. */
const SIGNED_PATHS = new Set(['/api/v3/account', '/api/v3/order', '/api/v3/openOrders', '/api/v3/myTrades', '/api/v3/orderList/oco']);
/** Binance's commission for a spot trade without discounts, charged in the asset received. */
const COMMISSION_RATE = 0.001;
const RECV_WINDOW_DEFAULT_MS = 5000;

/** An order as the server keeps it: Binance's fields, strings as Binance sends them. */
interface TestOrder {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  price: string;
  origQty: string;
  executedQty: string;
  cummulativeQuoteQty: string;
  status: 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED';
  type: 'MARKET' | 'LIMIT' | 'LIMIT_MAKER' | 'STOP_LOSS_LIMIT';
  stopPrice?: string;
  /** The OCO list the order belongs to: when one leg fills, the exchange cancels the other. */
  orderListId: number;
  side: 'BUY' | 'SELL';
  time: number;
  fills: { price: string; qty: string; commission: string; commissionAsset: string; tradeId: number; time: number }[];
}

/** A key pair the server accepts, with the balances and orders of its account. */
interface TestAccount {
  secret: string;
  balances: Map<string, { free: string; locked: string }>;
  orders: TestOrder[];
}

const KLINES_LIMIT_MAX = 1000;
const KLINES_LIMIT_DEFAULT = 500;

/**
 * A local stand-in for Binance's spot REST API, answering in Binance's own formats with prices from the
 * simulated market. Tests point ccxt at it, so ccxt's real parsing and our error mapping both run, and can arm
 * faults (rate limits, bans, 5xx, slowness, broken JSON) for the next requests.
 */
export class BinanceTestServer {
  /** Every request received, path and query, oldest first. */
  readonly requests: { method: string; path: string; query: URLSearchParams }[] = [];
  private readonly server: Server;
  private readonly faults: ArmedFault[] = [];
  private readonly bySymbolId = new Map<string, SimulatedInstrument>();
  private readonly accounts = new Map<string, TestAccount>();
  private nextOrderId = 1000;
  private nextTradeId = 5000;

  constructor(
    private readonly market: SimulatedMarket,
    private readonly now: () => number = Date.now,
  ) {
    for (const instrument of market.instruments) this.bySymbolId.set(symbolId(instrument), instrument);
    // A client that gave up (a timeout) aborts its request; there is nobody left to answer.
    this.server = createServer((request, response) => void this.handle(request, response).catch(() => response.destroy()));
  }

  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The REST base to give ccxt (`urls.api.public`) or `MARKET_DATA_URL`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v3`;
  }

  /** Applies `fault` to the next `times` requests (to `path` only, if given). */
  inject(fault: BinanceFault, options: { path?: string; method?: string; clientOrderId?: string; times?: number } = {}): void {
    this.faults.push({ fault, path: options.path, method: options.method, clientOrderId: options.clientOrderId, remaining: options.times ?? 1 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Accepts `apiKey` signed with `secret` from now on, for an account holding `balances` (asset → free amount). */
  addAccount(apiKey: string, secret: string, balances: Record<string, string>): void {
    const held = new Map(Object.entries(balances).map(([asset, free]) => [asset, { free: Number(free).toFixed(8), locked: '0.00000000' }]));
    this.accounts.set(apiKey, { secret, balances: held, orders: [] });
  }

  /** Refuses `apiKey` from now on, as Binance does with a deleted key. */
  revokeKey(apiKey: string): void {
    this.accounts.delete(apiKey);
  }

  /**
   * Places an order on the account of `apiKey` as someone other than Lilux would (the exchange's site, another
   * tool): `params` as Binance's POST /api/v3/order takes them. Answers what the exchange answered.
   */
  placeOrderElsewhere(apiKey: string, params: Record<string, string>): unknown {
    const account = this.accounts.get(apiKey);
    if (!account) throw new Error(`no test account has the key ${apiKey}`);
    return this.newOrder(new URLSearchParams(params), account);
  }

  /** Fills what is left of a resting order at its limit price, as the exchange would when the market reaches it. */
  fillRestingOrder(apiKey: string, clientOrderId: string): void {
    const { order } = this.restingOrder(apiKey, clientOrderId);
    this.fillRestingOrderPartly(apiKey, clientOrderId, (Number(order.origQty) - Number(order.executedQty)).toFixed(8));
  }

  /** Fills `qty` of a resting order at its limit price in one trade: a partial fill while `qty` leaves some. */
  fillRestingOrderPartly(apiKey: string, clientOrderId: string, qty: string): void {
    const { account, order } = this.restingOrder(apiKey, clientOrderId);
    const instrument = this.instrument(order.symbol);
    const price = Number(order.price);
    const amount = Number(qty);
    const [held, released] = order.side === 'BUY' ? [instrument.quote, amount * price] : [instrument.base, amount];
    this.move(account, held, released, -released);
    this.fill(account, order, instrument, price, amount);
    if (order.status !== 'FILLED') return;
    // One-cancels-the-other: the sibling leg shared the lock just released.
    for (const sibling of account.orders) {
      if (order.orderListId !== -1 && sibling !== order && sibling.orderListId === order.orderListId && sibling.status === 'NEW') sibling.status = 'CANCELED';
    }
  }

  private restingOrder(apiKey: string, clientOrderId: string): { account: TestAccount; order: TestOrder } {
    const account = this.accounts.get(apiKey);
    const order = account?.orders.find((candidate) => candidate.clientOrderId === clientOrderId && isResting(candidate));
    if (!account || !order) throw new Error(`no resting order ${clientOrderId} for that key`);
    return { account, order };
  }

  /** The orders the account of `apiKey` has placed, oldest first. */
  ordersOf(apiKey: string): readonly TestOrder[] {
    return this.accounts.get(apiKey)?.orders ?? [];
  }

  /** The free and locked amount of `asset` on the account of `apiKey`, as GET /api/v3/account shows them. */
  balanceOf(apiKey: string, asset: string): { free: string; locked: string } {
    return this.accounts.get(apiKey)?.balances.get(asset) ?? { free: '0.00000000', locked: '0.00000000' };
  }

  requestsTo(path: string): number {
    return this.requests.filter((request) => request.path === path).length;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const body = await bodyOf(request);
    this.requests.push({ method: request.method ?? 'GET', path: url.pathname, query: url.searchParams });
    const method = request.method ?? 'GET';
    const params = new URLSearchParams(method === 'GET' || method === 'DELETE' ? url.search : body);
    const fault = this.takeFault(url.pathname, method, params);
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault && fault.kind !== 'slow' && fault.kind !== 'accept-then-delay') return this.fail(response, fault);
    try {
      const account = SIGNED_PATHS.has(url.pathname) ? this.authenticate(request, url, body) : undefined;
      const answer = account ? this.signedRoute(method, url.pathname, params, account) : this.route(url.pathname, url.searchParams);
      if (fault?.kind === 'accept-then-delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (answer === undefined) return send(response, 404, { code: -1, msg: 'Not found' });
      send(response, 200, answer);
    } catch (error) {
      if (error instanceof BinanceError) return send(response, error.status, { code: error.code, msg: error.message });
      throw error;
    }
  }

  /**
   * Binance's checks on a signed request: a known key in `X-MBX-APIKEY`, `timestamp` within `recvWindow` of
   * the server's clock, and `signature` = HMAC-SHA256 (hex) of the query string before it plus the body.
   */
  private authenticate(request: IncomingMessage, url: URL, body: string): TestAccount {
    const account = this.accounts.get(String(request.headers['x-mbx-apikey'] ?? ''));
    if (!account) throw new BinanceError(-2015, 'Invalid API-key, IP, or permissions for action.', 401);
    // ccxt signs GET and DELETE parameters in the query, POST parameters in the body, as Binance allows.
    const signed = body || url.search.slice(1);
    const match = /^(.*)&signature=([0-9a-f]{64})$/.exec(signed);
    if (!match) throw new BinanceError(-1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    const expected = createHmac('sha256', account.secret).update(match[1]).digest();
    if (!timingSafeEqual(expected, Buffer.from(match[2], 'hex'))) throw new BinanceError(-1022, 'Signature for this request is not valid.');
    const params = new URLSearchParams(match[1]);
    const timestamp = Number(params.get('timestamp'));
    const recvWindow = Number(params.get('recvWindow') ?? RECV_WINDOW_DEFAULT_MS);
    if (!Number.isFinite(timestamp) || timestamp > this.now() + 1000 || this.now() - timestamp > recvWindow) {
      throw new BinanceError(-1021, 'Timestamp for this request is outside of the recvWindow.');
    }
    return account;
  }

  private signedRoute(method: string, path: string, params: URLSearchParams, account: TestAccount): unknown {
    switch (`${method} ${path}`) {
      case 'POST /api/v3/order':
        return this.newOrder(params, account);
      case 'GET /api/v3/order':
        return orderView(this.findOrder(params, account));
      case 'DELETE /api/v3/order':
        return this.cancelOrder(params, account);
      case 'GET /api/v3/openOrders':
        return account.orders.filter((order) => isResting(order) && (!params.has('symbol') || order.symbol === params.get('symbol'))).map(orderView);
      case 'GET /api/v3/myTrades':
        return account.orders
          .filter((order) => order.symbol === params.get('symbol') && (!params.has('orderId') || String(order.orderId) === params.get('orderId')))
          .flatMap((order) => order.fills.map((fill) => tradeView(order, fill)));
      case 'POST /api/v3/orderList/oco':
        return this.newOco(params, account);
      case 'GET /api/v3/account':
        return {
          makerCommission: 10,
          takerCommission: 10,
          buyerCommission: 0,
          sellerCommission: 0,
          commissionRates: { maker: '0.00100000', taker: '0.00100000', buyer: '0.00000000', seller: '0.00000000' },
          canTrade: true,
          canWithdraw: false,
          canDeposit: false,
          brokered: false,
          requireSelfTradePrevention: false,
          preventSor: false,
          updateTime: this.now(),
          accountType: 'SPOT',
          balances: [...account.balances].map(([asset, { free, locked }]) => ({ asset, free, locked })),
          permissions: ['SPOT'],
          uid: 354937868,
        };
      default:
        return undefined;
    }
  }

  private route(path: string, query: URLSearchParams): unknown {
    switch (path) {
      case '/api/v3/ping':
        return {};
      case '/api/v3/time':
        return { serverTime: this.now() };
      case '/api/v3/exchangeInfo':
        return this.exchangeInfo();
      case '/api/v3/klines':
        return this.klines(query);
      case '/api/v3/ticker/price':
        return this.eachOrOne(query, (instrument) => ({
          symbol: symbolId(instrument),
          price: this.market.price(instrument.symbol, this.now()).toFixed(8),
        }));
      case '/api/v3/ticker/24hr':
        return this.eachOrOne(query, (instrument) => this.dayStatistics(instrument));
      default:
        return undefined;
    }
  }

  /**
   * POST /api/v3/order: a MARKET order fills at once at the current price, a LIMIT order rests unless the price
   * has already passed it. Balances move like Binance's: the commission is taken from the asset received.
   */
  private newOrder(params: URLSearchParams, account: TestAccount): unknown {
    const instrument = this.instrument(params.get('symbol'));
    const side = params.get('side') === 'SELL' ? 'SELL' : 'BUY';
    const type = params.get('type') === 'LIMIT' ? 'LIMIT' : 'MARKET';
    const qty = Number(params.get('quantity'));
    if (!(qty > 0)) throw new BinanceError(-1013, 'Invalid quantity.');
    const clientOrderId = params.get('newClientOrderId') ?? `test-${this.nextOrderId}`;
    if (account.orders.some((order) => order.clientOrderId === clientOrderId && isResting(order))) {
      throw new BinanceError(-2010, 'Duplicate order sent.');
    }
    const last = this.market.price(instrument.symbol, this.now());
    const limit = type === 'LIMIT' ? Number(params.get('price')) : undefined;
    const fills = limit === undefined || (side === 'BUY' ? last <= limit : last >= limit);
    const price = limit !== undefined && fills ? Math.min(last, limit) : (limit ?? last);
    const [spent, spentAmount] = side === 'BUY' ? [instrument.quote, qty * price] : [instrument.base, qty];
    if (this.free(account, spent) < spentAmount) throw new BinanceError(-2010, 'Account has insufficient balance for requested action.');

    const order: TestOrder = {
      symbol: symbolId(instrument),
      orderId: this.nextOrderId++,
      clientOrderId,
      price: (limit ?? 0).toFixed(8),
      origQty: qty.toFixed(8),
      executedQty: '0.00000000',
      cummulativeQuoteQty: '0.00000000',
      status: 'NEW',
      type,
      side,
      orderListId: -1,
      time: this.now(),
      fills: [],
    };
    account.orders.push(order);
    if (fills) this.fill(account, order, instrument, price, qty);
    else this.move(account, spent, -spentAmount, spentAmount);
    return { ...(orderView(order) as object), transactTime: order.time, fills: order.fills };
  }

  /** One trade of `qty` at `price`; the order is filled once nothing is left. */
  private fill(account: TestAccount, order: TestOrder, instrument: SimulatedInstrument, price: number, qty: number): void {
    const [received, receivedAmount] = order.side === 'BUY' ? [instrument.base, qty] : [instrument.quote, qty * price];
    const commission = receivedAmount * COMMISSION_RATE;
    if (order.side === 'BUY') this.move(account, instrument.quote, -qty * price, 0);
    else this.move(account, instrument.base, -qty, 0);
    this.move(account, received, receivedAmount - commission, 0);
    const executed = Number(order.executedQty) + qty;
    order.executedQty = executed.toFixed(8);
    order.cummulativeQuoteQty = (Number(order.cummulativeQuoteQty) + qty * price).toFixed(8);
    order.status = executed >= Number(order.origQty) ? 'FILLED' : 'PARTIALLY_FILLED';
    order.fills.push({
      price: price.toFixed(8),
      qty: qty.toFixed(8),
      commission: commission.toFixed(8),
      commissionAsset: received,
      tradeId: this.nextTradeId++,
      time: this.now(),
    });
  }

  /**
   * POST /api/v3/orderList/oco (a SELL pair closing a long): a LIMIT_MAKER above the price and a STOP_LOSS_LIMIT
   * below it, locking the quantity once for both.
   */
  private newOco(params: URLSearchParams, account: TestAccount): unknown {
    const instrument = this.instrument(params.get('symbol'));
    if (params.get('side') !== 'SELL' || params.get('aboveType') !== 'LIMIT_MAKER' || params.get('belowType') !== 'STOP_LOSS_LIMIT') {
      throw new BinanceError(-1102, 'This test server takes SELL lists of LIMIT_MAKER above and STOP_LOSS_LIMIT below.');
    }
    const qty = Number(params.get('quantity'));
    if (this.free(account, instrument.base) < qty) throw new BinanceError(-2010, 'Account has insufficient balance for requested action.');
    const orderListId = this.nextOrderId++;
    const leg = (type: TestOrder['type'], clientOrderId: string | null, price: string | null, stopPrice?: string | null): TestOrder => ({
      symbol: symbolId(instrument),
      orderId: this.nextOrderId++,
      clientOrderId: clientOrderId ?? `oco-${this.nextOrderId}`,
      price: Number(price).toFixed(8),
      origQty: qty.toFixed(8),
      executedQty: '0.00000000',
      cummulativeQuoteQty: '0.00000000',
      status: 'NEW',
      type,
      side: 'SELL',
      ...(stopPrice ? { stopPrice: Number(stopPrice).toFixed(8) } : {}),
      orderListId,
      time: this.now(),
      fills: [],
    });
    const below = leg('STOP_LOSS_LIMIT', params.get('belowClientOrderId'), params.get('belowPrice'), params.get('belowStopPrice'));
    const above = leg('LIMIT_MAKER', params.get('aboveClientOrderId'), params.get('abovePrice'));
    account.orders.push(below, above);
    this.move(account, instrument.base, -qty, qty);
    return {
      orderListId,
      contingencyType: 'OCO',
      listStatusType: 'EXEC_STARTED',
      listOrderStatus: 'EXECUTING',
      listClientOrderId: params.get('listClientOrderId') ?? `list-${orderListId}`,
      transactionTime: this.now(),
      symbol: symbolId(instrument),
      orders: [below, above].map((order) => ({ symbol: order.symbol, orderId: order.orderId, clientOrderId: order.clientOrderId })),
      orderReports: [below, above].map(orderView),
    };
  }

  private findOrder(params: URLSearchParams, account: TestAccount): TestOrder {
    const byId = params.get('orderId');
    const byClientId = params.get('origClientOrderId');
    const order = account.orders.find(
      (candidate) => candidate.symbol === params.get('symbol') && (byId ? String(candidate.orderId) === byId : candidate.clientOrderId === byClientId),
    );
    if (!order) throw new BinanceError(-2013, 'Order does not exist.');
    return order;
  }

  private cancelOrder(params: URLSearchParams, account: TestAccount): unknown {
    const order = this.findOrder(params, account);
    if (!isResting(order)) throw new BinanceError(-2011, 'Unknown order sent.');
    const instrument = this.instrument(order.symbol);
    const left = Number(order.origQty) - Number(order.executedQty);
    const [held, amount] = order.side === 'BUY' ? [instrument.quote, left * Number(order.price)] : [instrument.base, left];
    this.move(account, held, order.orderListId === -1 ? amount : left, order.orderListId === -1 ? -amount : -left);
    // Canceling one leg of an OCO list cancels the list, as on Binance.
    for (const member of account.orders)
      if (member === order || (order.orderListId !== -1 && member.orderListId === order.orderListId)) member.status = 'CANCELED';
    return { ...(orderView(order) as object), origClientOrderId: order.clientOrderId };
  }

  private free(account: TestAccount, asset: string): number {
    return Number(account.balances.get(asset)?.free ?? 0);
  }

  /** Adds `free` and `locked` (either may be negative) to an asset of the account. */
  private move(account: TestAccount, asset: string, free: number, locked: number): void {
    const held = account.balances.get(asset) ?? { free: '0', locked: '0' };
    account.balances.set(asset, { free: (Number(held.free) + free).toFixed(8), locked: (Number(held.locked) + locked).toFixed(8) });
  }

  private exchangeInfo(): unknown {
    return {
      timezone: 'UTC',
      serverTime: this.now(),
      rateLimits: [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
        { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
        { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
      ],
      exchangeFilters: [],
      symbols: this.market.instruments.map((instrument) => ({
        symbol: symbolId(instrument),
        status: 'TRADING',
        baseAsset: instrument.base,
        baseAssetPrecision: 8,
        quoteAsset: instrument.quote,
        quotePrecision: 8,
        quoteAssetPrecision: 8,
        baseCommissionPrecision: 8,
        quoteCommissionPrecision: 8,
        orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
        icebergAllowed: true,
        ocoAllowed: true,
        otoAllowed: true,
        quoteOrderQtyMarketAllowed: true,
        allowTrailingStop: true,
        cancelReplaceAllowed: true,
        isSpotTradingAllowed: true,
        isMarginTradingAllowed: false,
        filters: [
          { filterType: 'PRICE_FILTER', minPrice: step(instrument.priceDecimals), maxPrice: '1000000.00000000', tickSize: step(instrument.priceDecimals) },
          { filterType: 'LOT_SIZE', minQty: fixed8(instrument.minAmount), maxQty: '9000000.00000000', stepSize: step(instrument.amountDecimals) },
          { filterType: 'ICEBERG_PARTS', limit: 10 },
          { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: '100000.00000000', stepSize: '0.00000000' },
          {
            filterType: 'NOTIONAL',
            minNotional: fixed8(instrument.minNotional),
            applyMinToMarket: true,
            maxNotional: '9000000.00000000',
            applyMaxToMarket: false,
            avgPriceMins: 5,
          },
          { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
          { filterType: 'MAX_NUM_ALGO_ORDERS', maxNumAlgoOrders: 5 },
        ],
        permissions: [],
        permissionSets: [['SPOT']],
        defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
        allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
      })),
    };
  }

  private klines(query: URLSearchParams): unknown[] {
    const instrument = this.instrument(query.get('symbol'));
    const interval = query.get('interval') ?? '';
    const width = INTERVAL_MS[interval];
    if (!width) throw new BinanceError(-1120, 'Invalid interval.');
    const limit = Math.min(KLINES_LIMIT_MAX, Number(query.get('limit') ?? KLINES_LIMIT_DEFAULT));
    const now = this.now();
    const formingStart = Math.floor(now / width) * width;
    const endTime = Math.min(Number(query.get('endTime') ?? formingStart), formingStart);
    const startTime = query.has('startTime')
      ? Math.ceil(Number(query.get('startTime')) / width) * width
      : Math.floor(endTime / width) * width - (limit - 1) * width;
    const count = Math.max(0, Math.min(limit, Math.floor((endTime - startTime) / width) + 1));
    const closedCount = Math.max(0, Math.min(count, (formingStart - startTime) / width));
    const rows = this.market.candles(instrument.symbol, width, startTime, closedCount);
    const klines: unknown[] = [];
    for (let i = 0; i < rows.length; i += CANDLE_FIELDS) klines.push(kline(rows.subarray(i, i + CANDLE_FIELDS), width, instrument));
    if (count > closedCount) klines.push(kline(this.market.formingCandle(instrument.symbol, width, now), width, instrument));
    return klines;
  }

  private dayStatistics(instrument: SimulatedInstrument): unknown {
    const now = this.now();
    const minutes = this.market.candles(instrument.symbol, 60_000, now - 86_400_000, 1440);
    const last = this.market.price(instrument.symbol, now);
    let high = last;
    let low = last;
    let volume = 0;
    let quoteVolume = 0;
    for (let i = 0; i < minutes.length; i += CANDLE_FIELDS) {
      high = Math.max(high, minutes[i + 2]);
      low = Math.min(low, minutes[i + 3]);
      volume += minutes[i + 5];
      quoteVolume += minutes[i + 5] * minutes[i + 4];
    }
    const open = minutes[1];
    const price = (value: number) => value.toFixed(8);
    const tick = 10 ** -instrument.priceDecimals;
    return {
      symbol: symbolId(instrument),
      priceChange: price(last - open),
      priceChangePercent: (((last - open) / open) * 100).toFixed(3),
      weightedAvgPrice: price(quoteVolume / volume),
      prevClosePrice: price(open),
      lastPrice: price(last),
      lastQty: step(instrument.amountDecimals),
      bidPrice: price(last - tick),
      bidQty: '1.00000000',
      askPrice: price(last + tick),
      askQty: '1.00000000',
      openPrice: price(open),
      highPrice: price(high),
      lowPrice: price(low),
      volume: price(volume),
      quoteVolume: price(quoteVolume),
      openTime: now - 86_400_000,
      closeTime: now,
      firstId: 1,
      lastId: 1440,
      count: 1440,
    };
  }

  private eachOrOne(query: URLSearchParams, view: (instrument: SimulatedInstrument) => unknown): unknown {
    if (query.has('symbol')) return view(this.instrument(query.get('symbol')));
    if (query.has('symbols')) {
      const ids = JSON.parse(query.get('symbols') ?? '[]') as string[];
      return ids.map((id) => view(this.instrument(id)));
    }
    return this.market.instruments.map(view);
  }

  private instrument(id: string | null): SimulatedInstrument {
    const instrument = id === null ? undefined : this.bySymbolId.get(id);
    if (!instrument) throw new BinanceError(-1121, 'Invalid symbol.');
    return instrument;
  }

  private takeFault(path: string, method: string, params: URLSearchParams): BinanceFault | undefined {
    const clientOrderId = params.get('newClientOrderId') ?? params.get('origClientOrderId');
    const armed = this.faults.find(
      (candidate) =>
        (candidate.path === undefined || candidate.path === path) &&
        (candidate.method === undefined || candidate.method === method) &&
        (candidate.clientOrderId === undefined || candidate.clientOrderId === clientOrderId),
    );
    if (!armed) return undefined;
    if (--armed.remaining <= 0) this.faults.splice(this.faults.indexOf(armed), 1);
    return armed.fault;
  }

  private fail(response: ServerResponse, fault: Exclude<BinanceFault, { kind: 'slow' | 'accept-then-delay' }>): void {
    switch (fault.kind) {
      case 'binance-error':
        return send(response, fault.status, { code: fault.code, msg: fault.msg });
      case 'rate-limit':
        response.setHeader('Retry-After', String(fault.retryAfterSeconds));
        return send(response, 429, {
          code: -1003,
          msg: 'Too much request weight used; current limit is 6000 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.',
        });
      case 'ban':
        response.setHeader('Retry-After', String(fault.retryAfterSeconds));
        return send(response, 418, {
          code: -1003,
          msg: `Way too much request weight used; IP banned until ${this.now() + fault.retryAfterSeconds * 1000}. Please use WebSocket Streams for live updates to avoid bans.`,
        });
      case 'server-error':
        if (fault.status === 502 || fault.status === 504) {
          // What the load balancer in front of Binance answers: HTML, not Binance's JSON.
          response.writeHead(fault.status, { 'Content-Type': 'text/html' });
          response.end(`<html><body><h1>${fault.status} Gateway Error</h1></body></html>`);
          return;
        }
        return send(response, fault.status, { code: -1000, msg: 'An unknown error occurred while processing the request.' });
      case 'malformed-json':
        response.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
        response.end('{"symbol":"BTCUSDT","lastPrice":');
        return;
    }
  }
}

/** Binance's order view (GET /api/v3/order, openOrders). */
function isResting(order: TestOrder): boolean {
  return order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
}

function orderView(order: TestOrder): unknown {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: order.orderListId,
    clientOrderId: order.clientOrderId,
    price: order.price,
    origQty: order.origQty,
    executedQty: order.executedQty,
    cummulativeQuoteQty: order.cummulativeQuoteQty,
    status: order.status,
    timeInForce: 'GTC',
    type: order.type,
    side: order.side,
    stopPrice: order.stopPrice ?? '0.00000000',
    icebergQty: '0.00000000',
    time: order.time,
    updateTime: order.time,
    isWorking: true,
    workingTime: order.time,
    origQuoteOrderQty: '0.00000000',
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

function tradeView(order: TestOrder, fill: TestOrder['fills'][number]): unknown {
  return {
    symbol: order.symbol,
    id: fill.tradeId,
    orderId: order.orderId,
    orderListId: -1,
    price: fill.price,
    qty: fill.qty,
    quoteQty: (Number(fill.price) * Number(fill.qty)).toFixed(8),
    commission: fill.commission,
    commissionAsset: fill.commissionAsset,
    time: fill.time,
    isBuyer: order.side === 'BUY',
    isMaker: order.type === 'LIMIT' || order.type === 'LIMIT_MAKER',
    isBestMatch: true,
  };
}

class BinanceError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'X-Mbx-Used-Weight-1m': '1' });
  response.end(JSON.stringify(body));
}

function symbolId(instrument: SimulatedInstrument): string {
  return instrument.base + instrument.quote;
}

function step(decimals: number): string {
  return (10 ** -decimals).toFixed(8);
}

function fixed8(value: string): string {
  return Number(value).toFixed(8);
}

function kline(row: ArrayLike<number>, width: number, instrument: SimulatedInstrument): unknown[] {
  const [openTime, open, high, low, close, volume] = Array.from(row);
  const price = (value: number) => value.toFixed(8);
  return [
    openTime,
    price(open),
    price(high),
    price(low),
    price(close),
    volume.toFixed(8),
    openTime + width - 1,
    (volume * close).toFixed(8),
    Math.max(1, Math.round(volume * 10 ** Math.min(instrument.amountDecimals, 2))),
    (volume / 2).toFixed(8),
    ((volume * close) / 2).toFixed(8),
    '0',
  ];
}
