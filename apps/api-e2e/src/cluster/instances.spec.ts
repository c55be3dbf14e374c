import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import { ownRedis } from '../support/own-redis';
import { LiveClient, RefusedUpgrade } from '../support/live-client';
import { buyWithBracketAroundPrice } from '../support/near-the-price';

/**
 * Two API processes on one PostgreSQL database and one Redis, as behind a load balancer: funds, idempotency,
 * resting orders, live events, logouts and rate limits must hold across them, with nothing local to lean on.
 */
describe('two instances on one PostgreSQL database and one Redis', () => {
  let a: RunningApi;
  let b: RunningApi;
  let admin: string;

  const settings = {
    RATE_LIMIT_PER_MINUTE: '100000',
    // Every login here comes from one address; the per-username limit is what one test counts.
    LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000',
    // Tests that count WebSocket upgrades come from X-Forwarded-For addresses of their own.
    TRUST_PROXY: 'true',
    WS_RATE_LIMIT_PER_MINUTE: '20',
    ...ownRedis(),
  };
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

  it('reports the database and Redis in its health', async () => {
    for (const api of instances()) {
      const health = await request(api.baseUrl, 'GET', '/api/health');
      expect([health.status, health.body.details]).toEqual([200, { database: { status: 'up' }, redis: { status: 'up' } }]);
    }
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

  it('takes 1,000 mixed orders of four traders at both instances at once: no balance below zero, every ledger exact', async () => {
    const traders = await Promise.all(['mix1', 'mix2', 'mix3', 'mix4'].map((name) => newTrader(name)));
    const btc = Number((await get(a, traders[0], '/api/ticker?symbol=BTC/USDT')).body.last);
    const eth = Number((await get(a, traders[0], '/api/ticker?symbol=ETH/USDT')).body.last);
    // Buys and sells, market and limit, some with a stop-loss and take-profit: far more than 10,000 USDT each.
    const kinds = [
      { symbol: 'BTC/USDT', side: 'buy', qty: '0.002' },
      { symbol: 'BTC/USDT', side: 'buy', qty: '0.002', sl: (btc * 0.9).toFixed(2), tp: (btc * 1.1).toFixed(2) },
      { symbol: 'BTC/USDT', side: 'sell', qty: '0.001' },
      { symbol: 'ETH/USDT', side: 'buy', qty: '0.1', price: (eth * 0.97).toFixed(2) },
      { symbol: 'ETH/USDT', side: 'buy', qty: '0.05' },
      { symbol: 'ETH/USDT', side: 'sell', qty: '0.04' },
      { symbol: 'ETH/USDT', side: 'sell', qty: '0.03', price: (eth * 1.03).toFixed(2) },
    ];
    const statuses: number[] = [];
    for (let start = 0; start < 1000; start += 250) {
      const answers = await Promise.all(
        Array.from({ length: 250 }, (_, i) => post(instances()[(start + i) % 2], traders[(start + i) % 4], kinds[(start + i) % kinds.length])),
      );
      statuses.push(...answers.map((answer) => answer.status));
      for (const answer of answers.filter((refused) => refused.status === 400)) expect(Object.keys(answer.body.fields)).toEqual(['qty']);
    }
    expect(statuses.filter((status) => status !== 201 && status !== 400)).toEqual([]);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThan(100);
    expect(statuses.filter((status) => status === 400).length).toBeGreaterThan(100);
    for (const trader of traders) {
      for (const balance of await balancesOf(trader))
        expect([balance.asset, Number(balance.free) >= 0, Number(balance.locked) >= 0]).toEqual([balance.asset, true, true]);
      expect((await get(b, trader, '/api/portfolio/audit')).body).toMatchObject({ ok: true, differences: [] });
    }
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
    // Cents from the price: the first ticks of the market reach them, whichever way it moves.
    for (let i = 1; i <= 6; i++) {
      const api = instances()[i % 2];
      entries.push((await post(api, trader, { symbol: 'BTC/USDT', side: 'buy', qty: '0.001', price: (last - i * 0.05).toFixed(2) })).body);
      const entry = await buyWithBracketAroundPrice(api.baseUrl, trader, i * 0.05);
      expect(entry.status).toBe(201);
      entries.push(entry.body);
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

    // Orders read before the trades: each one filled by then has its fill among them (one transaction).
    const filledBefore = (await ordersOf()).filter((order) => order.status === 'filled');
    const trades = (await get(b, trader, '/api/trades?limit=500')).body.trades as { orderId: string }[];
    const fillsPerOrder = new Map<string, number>();
    for (const trade of trades) fillsPerOrder.set(trade.orderId, (fillsPerOrder.get(trade.orderId) ?? 0) + 1);
    for (const [orderId, fills] of fillsPerOrder) expect([orderId, fills]).toEqual([orderId, 1]);
    for (const order of filledBefore) expect([order.id, fillsPerOrder.get(order.id)]).toEqual([order.id, 1]);
    // One leg of a pair at most: the first to trigger cancels the other.
    for (const entry of entries) {
      const legs = orders.filter((order) => order.parentId === entry.id);
      expect(legs.filter((leg) => leg.status === 'filled').length).toBeLessThanOrEqual(1);
    }
    for (const api of instances()) expect((await get(api, trader, '/api/portfolio/audit')).body).toMatchObject({ ok: true, differences: [] });
  });

  it('tells a browser connected to one instance about the orders placed through the other, once each, in order', async () => {
    const trader = await newTrader('watcher');
    const socket = await LiveClient.connect(b.baseUrl.replace('http', 'ws') + '/ws', ['lilux.v1', `bearer.${trader}`]);
    try {
      const last = Number((await get(a, trader, '/api/ticker?symbol=ETH/USDT')).body.last);
      const resting = (await post(a, trader, { symbol: 'ETH/USDT', side: 'buy', qty: '0.01', price: (last * 0.5).toFixed(2) })).body;
      expect((await request(a.baseUrl, 'DELETE', `/api/orders/${resting.id}`, { token: trader })).status).toBe(200);
      const filled = (await post(a, trader, { symbol: 'ETH/USDT', side: 'buy', qty: '0.01' })).body;

      await socket.next((m) => m.type === 'user' && m.event === 'trade' && m.data.orderId === filled.id);
      // Anything sent twice would have arrived by now.
      await new Promise((resolve) => setTimeout(resolve, 500));
      // The orders' own events; their notifications come on the same channel, on their own schedule.
      const events = socket.messages
        .filter((m) => m.type === 'user' && (m.event === 'order' || m.event === 'trade'))
        .map((m) => [m.event, m.data.orderId ?? m.data.id, m.data.status ?? 'fill']);
      expect(events).toEqual([
        ['order', resting.id, 'open'],
        ['order', resting.id, 'canceled'],
        ['order', filled.id, 'filled'],
      ]);
    } finally {
      await socket.close();
    }
  });

  it('refuses a token on one instance within a second of its logout on the other', async () => {
    const trader = await newTrader('leaving');
    const me = (api: RunningApi) => request(api.baseUrl, 'GET', '/api/auth/me', { token: trader });
    // B has just checked the token and remembers it as good.
    expect((await me(b)).status).toBe(200);
    expect((await request(a.baseUrl, 'POST', '/api/auth/logout', { token: trader })).status).toBe(204);
    const deadline = Date.now() + 1000;
    let status = (await me(b)).status;
    while (status !== 401 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await me(b)).status;
    }
    expect(status).toBe(401);
  });

  it("ends a user's other sessions on every instance at once when the password changes", async () => {
    const current = await newTrader('changing');
    const other = await login(b.baseUrl, 'changing', 'changing-password-1');
    expect((await request(b.baseUrl, 'GET', '/api/auth/me', { token: other })).status).toBe(200);
    const changed = await request(a.baseUrl, 'POST', '/api/auth/password', {
      token: current,
      body: { currentPassword: 'changing-password-1', newPassword: 'changing-password-2' },
    });
    expect(changed.status).toBe(200);
    const deadline = Date.now() + 1000;
    let status = (await request(b.baseUrl, 'GET', '/api/auth/me', { token: other })).status;
    while (status !== 401 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await request(b.baseUrl, 'GET', '/api/auth/me', { token: other })).status;
    }
    expect(status).toBe(401);
  });

  it('closes a socket on one instance at once when its token is logged out through the other', async () => {
    const trader = await newTrader('unplugged');
    const socket = await LiveClient.connect(a.baseUrl.replace('http', 'ws') + '/ws', ['lilux.v1', `bearer.${trader}`]);
    try {
      expect((await request(b.baseUrl, 'POST', '/api/auth/logout', { token: trader })).status).toBe(204);
      expect(await socket.closedWithin(3000)).toEqual({ code: 4001, reason: 'token revoked' });
    } finally {
      socket.socket.terminate();
    }
  });

  it('closes the sockets of old tokens on one instance at once when the password changes through the other', async () => {
    const current = await newTrader('rekeyed');
    const socket = await LiveClient.connect(a.baseUrl.replace('http', 'ws') + '/ws', ['lilux.v1', `bearer.${current}`]);
    try {
      const changed = await request(b.baseUrl, 'POST', '/api/auth/password', {
        token: current,
        body: { currentPassword: 'rekeyed-password-1', newPassword: 'rekeyed-password-2' },
      });
      expect(changed.status).toBe(200);
      expect(await socket.closedWithin(3000)).toEqual({ code: 4001, reason: 'token revoked' });
    } finally {
      socket.socket.terminate();
    }
  });

  it('counts WebSocket upgrades from one address across both instances', async () => {
    const upgrade = (api: RunningApi) =>
      LiveClient.connect(api.baseUrl.replace('http', 'ws') + '/ws', ['lilux.v1'], { 'x-forwarded-for': '192.0.2.77' }).then(
        () => 101,
        (error: unknown) => (error instanceof RefusedUpgrade ? error.status : Promise.reject(error)),
      );
    const statuses = [];
    for (let i = 0; i < 22; i++) statuses.push(await upgrade(instances()[i % 2]));
    expect(statuses).toEqual([...Array(20).fill(401), 429, 429]);
  });

  it('rotates a refresh token on either instance, and a replay on one ends the session on the other within a second', async () => {
    await newTrader('rotating');
    const cookieOf = (answer: { headers: Headers }) => {
      const line = answer.headers.getSetCookie().find((cookie) => cookie.startsWith('lilux_refresh=')) ?? '';
      return line.split(';')[0];
    };
    const refresh = (api: RunningApi, cookie: string) => request(api.baseUrl, 'POST', '/api/auth/refresh', { body: {}, headers: { cookie } });
    const signedIn = await request(a.baseUrl, 'POST', '/api/auth/login', { body: { username: 'rotating', password: 'rotating-password-1' } });
    const renewed = await refresh(b, cookieOf(signedIn));
    expect(renewed.status).toBe(200);
    const token = renewed.body.access_token as string;
    expect((await get(a, token, '/api/auth/me')).status).toBe(200);

    expect((await refresh(a, cookieOf(signedIn))).status).toBe(401);
    const deadline = Date.now() + 1000;
    let status = (await get(b, token, '/api/auth/me')).status;
    while (status !== 401 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await get(b, token, '/api/auth/me')).status;
    }
    expect(status).toBe(401);
    expect((await refresh(b, cookieOf(renewed))).status).toBe(401);
  });

  it('ends every other session of a user on every instance at once', async () => {
    const here = await newTrader('everywhere');
    const there = await login(a.baseUrl, 'everywhere', 'everywhere-password-1');
    // Each instance has just checked the other session and remembers it as standing.
    for (const api of instances()) expect((await get(api, there, '/api/auth/me')).status).toBe(200);
    expect((await request(a.baseUrl, 'DELETE', '/api/auth/sessions?keep=current', { token: here })).status).toBe(204);
    const deadline = Date.now() + 1000;
    let statuses = await Promise.all(instances().map(async (api) => (await get(api, there, '/api/auth/me')).status));
    while (statuses.some((status) => status !== 401) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      statuses = await Promise.all(instances().map(async (api) => (await get(api, there, '/api/auth/me')).status));
    }
    expect(statuses).toEqual([401, 401]);
    for (const api of instances()) expect((await get(api, here, '/api/auth/me')).status).toBe(200);
  });

  it('counts wrong passwords for one username across both instances', async () => {
    const created = await request(a.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'guessed', password: 'guessed-password-1' } });
    expect(created.status).toBe(201);
    const attempt = (api: RunningApi) => request(api.baseUrl, 'POST', '/api/auth/login', { body: { username: 'guessed', password: 'not-the-password' } });
    for (const api of [a, b, a, b, a]) expect((await attempt(api)).status).toBe(401);
    expect((await attempt(b)).status).toBe(429);
    expect((await attempt(a)).status).toBe(429);
  });
});
