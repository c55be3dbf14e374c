import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';

/**
 * Two API processes on one PostgreSQL database, as behind a load balancer: funds, idempotency and resting orders
 * must hold across them, with no process-local queue to lean on.
 */
describe('two instances on one PostgreSQL database', () => {
  let a: RunningApi;
  let b: RunningApi;
  let admin: string;

  const settings = { RATE_LIMIT_PER_MINUTE: '100000' };
  const instances = () => [a, b];
  const post = (api: RunningApi, token: string, body: unknown) => request(api.baseUrl, 'POST', '/api/orders', { token, body });
  const get = (api: RunningApi, token: string, path: string) => request(api.baseUrl, 'GET', path, { token });
  const newTrader = async (username: string) => {
    const password = `${username}-password-1`;
    expect((await request(a.baseUrl, 'POST', '/api/users', { token: admin, body: { username, password } })).status).toBe(201);
    // Tokens are signed with the shared secret: one login serves both instances.
    return login(b.baseUrl, username, password);
  };
  const balancesOf = async (token: string) => {
    const [paper] = (await get(a, token, '/api/accounts')).body;
    return paper.balances as { asset: string; free: string; locked: string }[];
  };

  beforeAll(async () => {
    a = await startApi(settings);
    // The second instance starts on the first one's database, already migrated.
    b = await startApi(settings, { database: a.database });
    admin = await login(a.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  it('spends no balance twice when orders for one account arrive at both instances at once', async () => {
    const trader = await newTrader('crowd');
    const last = Number((await get(a, trader, '/api/ticker?symbol=BTC/USDT')).body.last);
    // Each order costs about a twelfth of the 10,000 USDT: at most eleven can go through, of 40.
    const qty = (10_000 / 12 / last).toFixed(5);
    const orders = Array.from({ length: 40 }, (_, i) =>
      post(
        instances()[i % 2],
        trader,
        i % 4 === 3 ? { symbol: 'BTC/USDT', side: 'buy', qty, price: (last * 0.98).toFixed(2) } : { symbol: 'BTC/USDT', side: 'buy', qty },
      ),
    );
    const answers = await Promise.all(orders);
    const accepted = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status === 400);
    expect(accepted.length + refused.length).toBe(40);
    expect(accepted.length).toBeGreaterThanOrEqual(10);
    expect(accepted.length).toBeLessThanOrEqual(12);
    for (const answer of refused) expect(Object.keys(answer.body.fields)).toEqual(['qty']);

    for (const balance of await balancesOf(trader)) {
      expect(Number(balance.free)).toBeGreaterThanOrEqual(0);
      expect(Number(balance.locked)).toBeGreaterThanOrEqual(0);
    }
    for (const api of instances()) expect((await get(api, trader, '/api/portfolio/audit')).body).toMatchObject({ ok: true, differences: [] });
  });

  it('makes one order of the same client order id sent to both instances at the same moment', async () => {
    const trader = await newTrader('twice');
    const ids = Array.from({ length: 10 }, (_, i) => `both-${i}`);
    const answers = await Promise.all(
      ids.flatMap((clientOrderId) => instances().map((api) => post(api, trader, { symbol: 'ETH/USDT', side: 'buy', qty: '0.01', clientOrderId }))),
    );
    for (let i = 0; i < ids.length; i++) {
      const [first, second] = [answers[2 * i], answers[2 * i + 1]];
      expect([first.status, second.status].sort()).toEqual([200, 201]);
      expect(first.body.id).toBe(second.body.id);
    }
    expect((await get(b, trader, '/api/orders?limit=100')).body.total).toBe(10);
    expect((await get(a, trader, '/api/trades?limit=100')).body.trades).toHaveLength(10);
    expect((await get(b, trader, '/api/portfolio/audit')).body.ok).toBe(true);
  });

  it('fills resting orders and stop-loss / take-profit legs once, with a matching engine on each instance', async () => {
    const trader = await newTrader('resting');
    const last = Number((await get(a, trader, '/api/ticker?symbol=BTC/USDT')).body.last);
    const entries = [];
    for (let i = 1; i <= 6; i++) {
      const api = instances()[i % 2];
      // Limit buys a few ticks under the price, and entries whose legs sit a few ticks either side of it.
      entries.push((await post(api, trader, { symbol: 'BTC/USDT', side: 'buy', qty: '0.001', price: (last * (1 - i * 0.0002)).toFixed(2) })).body);
      const sl = (last * (1 - i * 0.0002)).toFixed(2);
      const tp = (last * (1 + i * 0.0002)).toFixed(2);
      entries.push((await post(api, trader, { symbol: 'BTC/USDT', side: 'buy', qty: '0.001', sl, tp })).body);
    }
    const ordersOf = async () =>
      (await get(a, trader, '/api/orders?limit=200')).body.orders as { id: string; role: string; parentId: string; status: string }[];
    const deadline = Date.now() + 40_000;
    let orders = await ordersOf();
    while (orders.filter((order) => order.role !== 'entry' && order.status === 'filled').length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      orders = await ordersOf();
    }
    expect(orders.filter((order) => order.role !== 'entry' && order.status === 'filled').length).toBeGreaterThanOrEqual(2);

    const trades = (await get(b, trader, '/api/trades?limit=500')).body.trades as { orderId: string }[];
    const fillsPerOrder = new Map<string, number>();
    for (const trade of trades) fillsPerOrder.set(trade.orderId, (fillsPerOrder.get(trade.orderId) ?? 0) + 1);
    for (const order of orders) expect([order.id, fillsPerOrder.get(order.id) ?? 0]).toEqual([order.id, order.status === 'filled' ? 1 : 0]);
    // One leg of a pair at most: the first to trigger cancels the other.
    for (const entry of entries) {
      const legs = orders.filter((order) => order.parentId === entry.id);
      expect(legs.filter((leg) => leg.status === 'filled').length).toBeLessThanOrEqual(1);
    }
    for (const api of instances()) expect((await get(api, trader, '/api/portfolio/audit')).body).toMatchObject({ ok: true, differences: [] });
  });
});
