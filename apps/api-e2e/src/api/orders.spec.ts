import type { EquityHistory } from '@lilux/contracts';
import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';

describe('orders, trades and the portfolio over HTTP', () => {
  let api: RunningApi;
  let admin: string;
  let alice: string;
  let bob: string;

  const post = (token: string, body: unknown, headers: Record<string, string> = {}) => request(api.baseUrl, 'POST', '/api/orders', { token, body, headers });
  const get = (token: string, path: string) => request(api.baseUrl, 'GET', path, { token });
  const lastPrice = async (symbol: string) => Number((await get(alice, `/api/ticker?symbol=${symbol}`)).body.last);
  const newUser = async (username: string) => {
    const password = `${username}-password-1`;
    const created = await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username, password } });
    expect(created.status).toBe(201);
    return login(api.baseUrl, username, password);
  };

  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    alice = await newUser('alice');
    bob = await newUser('bob');
  });

  afterAll(() => api.stop());

  describe('refuses bad orders with the field named, writing nothing', () => {
    let trader: string;

    beforeAll(async () => {
      trader = await newUser('careful');
    });

    afterAll(async () => {
      expect((await get(trader, '/api/orders')).body.total).toBe(0);
      expect((await get(trader, '/api/trades')).body.trades).toEqual([]);
      const [paper] = (await get(trader, '/api/accounts')).body;
      expect(paper.balances).toEqual([{ asset: 'USDT', free: '10000', locked: '0' }]);
      expect(paper.fees).toEqual({ maker: '0.001', taker: '0.001' });
    });

    it.each([
      ['an unknown symbol', { symbol: 'NOPE/USDT', side: 'buy', qty: '1' }, 'symbol'],
      ['a malformed symbol', { symbol: 'btc', side: 'buy', qty: '1' }, 'symbol'],
      ['a side other than buy or sell', { symbol: 'BTC/USDT', side: 'long', qty: '1' }, 'side'],
      ['qty 0', { symbol: 'BTC/USDT', side: 'buy', qty: '0' }, 'qty'],
      ['a negative qty', { symbol: 'BTC/USDT', side: 'buy', qty: '-1' }, 'qty'],
      ['qty not a number', { symbol: 'BTC/USDT', side: 'buy', qty: 'lots' }, 'qty'],
      ['qty in exponent notation', { symbol: 'BTC/USDT', side: 'buy', qty: 1e-7 }, 'qty'],
      ['qty with too many digits', { symbol: 'BTC/USDT', side: 'buy', qty: '0.0000000000000000001' }, 'qty'],
      ['qty below the minimum amount', { symbol: 'BTC/USDT', side: 'buy', qty: '0.000001' }, 'qty'],
      ['a value below the minimum notional', { symbol: 'BTC/USDT', side: 'buy', qty: '0.00001' }, 'qty'],
      ['more than the free balance', { symbol: 'BTC/USDT', side: 'buy', qty: '1' }, 'qty'],
      ['selling what is not held', { symbol: 'ETH/USDT', side: 'sell', qty: '1' }, 'qty'],
      ['a limit order without a price', { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', type: 'limit' }, 'price'],
      ['a market order with a price', { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', type: 'market', price: '100' }, 'price'],
      ['a buy stop-loss above the entry', { symbol: 'ETH/USDT', side: 'buy', qty: '0.1', price: '1000', sl: '1100' }, 'sl'],
      ['a buy take-profit below the entry', { symbol: 'ETH/USDT', side: 'buy', qty: '0.1', price: '1000', tp: '900' }, 'tp'],
      ['a sell stop-loss below the entry', { symbol: 'ETH/USDT', side: 'sell', qty: '0.1', price: '1000', sl: '900' }, 'sl'],
      ['an unknown field', { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', leverage: 10 }, 'leverage'],
      ['a malformed client order id', { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', clientOrderId: 'has spaces' }, 'clientOrderId'],
      ["someone else's account", { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId: '00000000-0000-4000-8000-000000000000' }, 'accountId'],
      ['a null price', { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', price: null }, 'price'],
      ['a null stop-loss', { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', sl: null }, 'sl'],
      ['a null take-profit', { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', tp: null }, 'tp'],
      ['a null type', { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', type: null }, 'type'],
      ['a null account', { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId: null }, 'accountId'],
    ])('%s', async (_case, body, field) => {
      const answer = await post(trader, body);
      expect([400, 404]).toContain(answer.status);
      expect(Object.keys(answer.body.fields ?? {})).toEqual([field]);
    });
  });

  it.each([
    ['/api/orders?offset=9223372036854775807', 'offset'],
    ['/api/orders?offset=1e20', 'offset'],
    ['/api/orders?limit=0x2', 'limit'],
    ['/api/orders?limit=', 'limit'],
    ['/api/trades?offset=9223372036854775807', 'offset'],
    ['/api/trades?limit=2.5', 'limit'],
  ])('refuses %s with a 400 naming the field', async (path, field) => {
    const answer = await get(alice, path);
    expect([answer.status, Object.keys(answer.body.fields ?? {})]).toEqual([400, [field]]);
  });

  it('fills a market buy and shows it in orders, trades (JSON and CSV) and the portfolio', async () => {
    const placed = await post(alice, { symbol: 'BTC/USDT', side: 'buy', qty: 0.01 });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'filled', qty: '0.01', feeAsset: 'USDT' });

    const trades = await get(alice, '/api/trades');
    expect(trades.body.trades).toHaveLength(1);
    expect(trades.body.trades[0]).toMatchObject({ orderId: placed.body.id, symbol: 'BTC/USDT', side: 'buy', qty: '0.01', price: placed.body.averagePrice });
    const csv = await get(alice, '/api/trades?format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('time,symbol,side,qty,price,quoteQty,fee,feeAsset,liquidity,orderId,id,accountId');
    expect(csv.body).toContain(placed.body.id);

    const portfolio = (await get(alice, '/api/portfolio')).body;
    expect(portfolio).toMatchObject({ user: 'alice', pnls: { realized: '0' } });
    expect(portfolio.positions).toEqual([expect.objectContaining({ asset: 'BTC', qty: '0.01' })]);
    const cash = Number(portfolio.cash);
    expect(cash).toBeCloseTo(10000 - Number(placed.body.averagePrice) * 0.01 - Number(placed.body.fee), 6);
    expect(Number(portfolio.total_usdt)).toBeCloseTo(cash + Number(portfolio.positions[0].value), 6);
    expect((await get(alice, '/api/portfolio/audit')).body).toMatchObject({ ok: true, fills: 1 });
    const history = (await get(alice, '/api/portfolio/history?range=1d')).body as EquityHistory;
    // From the opening balance, through the fill, to now.
    expect(history.points[0].equity).toBe('10000');
    expect(history.points.length).toBeGreaterThanOrEqual(3);
    expect(Date.parse(history.points.at(-1)?.time ?? '')).toBeGreaterThanOrEqual(Date.parse(trades.body.trades[0].time));
  });

  it('rests a limit order, lists it as open, and cancels it freeing the funds', async () => {
    const price = await lastPrice('ETH/USDT');
    const placed = await post(alice, { symbol: 'ETH/USDT', side: 'buy', qty: '1', price: (price * 0.5).toFixed(2) });
    expect(placed.body.status).toBe('open');
    const open = await get(alice, '/api/orders?status=open&symbol=ETH/USDT');
    expect(open.body.orders.map((order: { id: string }) => order.id)).toEqual([placed.body.id]);
    const canceled = await request(api.baseUrl, 'DELETE', `/api/orders/${placed.body.id}`, { token: alice });
    expect(canceled.body.status).toBe('canceled');
    expect(canceled.body.transitions.map((t: { status: string }) => t.status)).toEqual(['new', 'open', 'canceled']);
    expect((await request(api.baseUrl, 'DELETE', `/api/orders/${placed.body.id}`, { token: alice })).status).toBe(409);
    expect((await get(alice, '/api/portfolio/audit')).body.ok).toBe(true);
  });

  it('creates one order for one Idempotency-Key, also for requests arriving together', async () => {
    const body = { symbol: 'SOL/USDT', side: 'buy', qty: '0.1' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(bob, body, { 'idempotency-key': 'bob-order-1' })));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(9);
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
    expect((await get(bob, '/api/orders')).body.total).toBe(1);
  });

  it("answers 404 for another user's order and never shows it", async () => {
    const mine = await post(alice, { symbol: 'ETH/USDT', side: 'buy', qty: '0.1', price: '100' });
    expect(mine.status).toBe(201);
    expect((await get(bob, `/api/orders/${mine.body.id}`)).status).toBe(404);
    expect((await request(api.baseUrl, 'DELETE', `/api/orders/${mine.body.id}`, { token: bob })).status).toBe(404);
    expect((await get(alice, `/api/orders/${mine.body.id}`)).body.status).toBe('open');
    const bobsOrders = (await get(bob, '/api/orders')).body.orders.map((order: { id: string }) => order.id);
    expect(bobsOrders).not.toContain(mine.body.id);
    const aliceAccount = mine.body.accountId;
    expect((await get(bob, `/api/portfolio?accountId=${aliceAccount}`)).status).toBe(404);
    expect((await get(bob, `/api/trades?accountId=${aliceAccount}`)).body.trades).toEqual([]);
  });

  it('resets the paper account: open orders canceled, a fresh balance, the old trades kept', async () => {
    const trader = await newUser('resetter');
    const filled = await post(trader, { symbol: 'SOL/USDT', side: 'buy', qty: '1' });
    const resting = await post(trader, { symbol: 'SOL/USDT', side: 'buy', qty: '1', price: '10' });
    const before = (await get(trader, '/api/accounts')).body[0].id;
    const reset = await request(api.baseUrl, 'POST', '/api/accounts/paper/reset', { token: trader });
    expect(reset.status).toBe(201);
    expect(reset.body.id).not.toBe(before);
    const [paper] = (await get(trader, '/api/accounts')).body;
    expect(paper).toMatchObject({ id: reset.body.id, kind: 'paper', balances: [{ asset: 'USDT', free: '10000', locked: '0' }] });
    expect((await get(trader, `/api/orders/${resting.body.id}`)).body.status).toBe('canceled');
    expect((await get(trader, '/api/trades')).body.trades.map((trade: { orderId: string }) => trade.orderId)).toEqual([filled.body.id]);
    expect((await get(trader, '/api/portfolio')).body).toMatchObject({ total_usdt: '10000', positions: [] });
  });

  it('keeps open orders and armed brackets through a restart', async () => {
    const trader = await newUser('restarter');
    const price = await lastPrice('BTC/USDT');
    const limit = await post(trader, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', price: (price * 0.5).toFixed(2) });
    const bracketed = await post(trader, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', sl: (price * 0.5).toFixed(2), tp: (price * 2).toFixed(2) });
    expect(bracketed.body.status).toBe('filled');
    await api.restart();
    const token = await login(api.baseUrl, 'restarter', 'restarter-password-1');
    const open = (await get(token, '/api/orders?status=open')).body.orders;
    expect(open.map((order: { id: string; role: string }) => order.role).sort()).toEqual(['entry', 'stop_loss', 'take_profit']);
    expect(open.find((order: { role: string }) => order.role === 'entry').id).toBe(limit.body.id);
    await api.waitForOutput('resumed');
    expect((await get(token, '/api/portfolio/audit')).body.ok).toBe(true);
  });

  it('loses nothing when killed with -9 during a burst of orders', async () => {
    const trader = await newUser('crasher');
    const burst = Array.from({ length: 60 }, (_, i) =>
      post(trader, { symbol: 'ETH/USDT', side: i % 3 === 2 ? 'sell' : 'buy', qty: '0.05' }).catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    await api.restart('SIGKILL');
    await Promise.all(burst);
    const token = await login(api.baseUrl, 'crasher', 'crasher-password-1');
    const audit = (await get(token, '/api/portfolio/audit')).body;
    expect(audit).toMatchObject({ ok: true, differences: [] });
    const filled = (await get(token, '/api/orders?status=filled&limit=500')).body.total;
    expect(audit.fills).toBe(filled);
  });
});
