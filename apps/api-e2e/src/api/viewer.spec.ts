import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';

const READ_ONLY = { statusCode: 403, error: 'Forbidden', message: 'a viewer account is read-only' };

describe('the viewer role: sees its own portfolio and charts, changes nothing', () => {
  let api: RunningApi;
  let admin: string;
  let viewer: string;
  /** A trader turned viewer, with an order and an exchange account from their trading days. */
  let former: { token: string; orderId: string; paperId: string; exchangeAccountId: string };

  const get = (token: string, path: string) => request(api.baseUrl, 'GET', path, { token });
  const send = (method: string, path: string, token: string, body?: unknown) => request(api.baseUrl, method, path, { token, body });
  const exchangeAccount = (password: string) => ({
    exchange: 'binance',
    mode: 'testnet',
    label: 'Testnet',
    apiKey: 'k'.repeat(64),
    secret: 's'.repeat(64),
    password,
  });

  beforeAll(async () => {
    api = await startApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);

    const created = await send('POST', '/api/users', admin, { username: 'watcher', password: 'watcher-password-1', role: 'viewer' });
    expect([created.status, created.body.role]).toEqual([201, 'viewer']);
    viewer = await login(api.baseUrl, 'watcher', 'watcher-password-1');

    const trader = await send('POST', '/api/users', admin, { username: 'retired', password: 'retired-password-1' });
    const traderToken = await login(api.baseUrl, 'retired', 'retired-password-1');
    const price = Number((await get(traderToken, '/api/ticker?symbol=BTC/USDT')).body.last);
    expect((await send('POST', '/api/orders', traderToken, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01' })).status).toBe(201);
    const resting = await send('POST', '/api/orders', traderToken, { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', price: (price * 0.5).toFixed(2) });
    const connected = await send('POST', '/api/accounts', traderToken, exchangeAccount('retired-password-1'));
    expect([resting.status, connected.status]).toEqual([201, 201]);
    const paperId = (await get(traderToken, '/api/accounts')).body[0].id;

    expect((await send('PATCH', `/api/users/${trader.body.id}`, admin, { role: 'viewer' })).status).toBe(200);
    former = { token: await login(api.baseUrl, 'retired', 'retired-password-1'), orderId: resting.body.id, paperId, exchangeAccountId: connected.body.id };
  });

  afterAll(() => api.stop());

  it('reads its own portfolio, orders, trades, accounts and the market', async () => {
    for (const path of [
      '/api/auth/me',
      '/api/portfolio',
      '/api/portfolio/history?range=1d',
      '/api/portfolio/audit',
      '/api/orders',
      `/api/orders/${former.orderId}`,
      '/api/trades',
      '/api/trades?format=csv',
      '/api/accounts',
      '/api/exchanges',
      '/api/markets',
      '/api/ticker?symbol=BTC/USDT',
      '/api/ohlcv?symbol=BTC/USDT&timeframe=1h&limit=10',
      '/api/market/status',
    ]) {
      expect({ path, status: (await get(former.token, path)).status }).toEqual({ path, status: 200 });
    }
    expect((await get(former.token, '/api/trades')).body.trades).toHaveLength(1);
    expect((await get(viewer, '/api/portfolio')).status).toBe(200);
  });

  it.each([
    ['place an order', 'POST', '/api/orders', { symbol: 'BTC/USDT', side: 'buy', qty: '0.01' }],
    ['cancel an order', 'DELETE', '/api/orders/:order', undefined],
    ['reset the paper account', 'POST', '/api/accounts/paper/reset', undefined],
    ['protect a position', 'PUT', '/api/positions/protection', { symbol: 'BTC/USDT', sl: '1000', tp: null }],
    ['connect an exchange account', 'POST', '/api/accounts', exchangeAccount('retired-password-1')],
    ['store exchange keys', 'POST', '/api/keys', exchangeAccount('retired-password-1')],
    ['check an exchange account', 'POST', '/api/accounts/:exchange/check', undefined],
    ['disconnect an exchange account', 'DELETE', '/api/accounts/:exchange', undefined],
    ['create a user', 'POST', '/api/users', { username: 'sneaky', password: 'sneaky-password-1', role: 'admin' }],
    ['make itself an administrator', 'PATCH', '/api/users/:self', { role: 'admin' }],
  ])('cannot %s: 403, nothing changed', async (_action, method, route, body) => {
    const self = (await get(former.token, '/api/auth/me')).body.id;
    const path = route.replace(':order', former.orderId).replace(':exchange', former.exchangeAccountId).replace(':self', self);
    const answer = await send(method, path, former.token, body);
    expect([answer.status, answer.body]).toEqual([403, route.startsWith('/api/users') ? expect.objectContaining({ statusCode: 403 }) : READ_ONLY]);

    expect((await get(former.token, `/api/orders/${former.orderId}`)).body.status).toBe('open');
    const accounts = (await get(former.token, '/api/accounts')).body;
    expect(accounts.map((account: { id: string }) => account.id)).toEqual([former.paperId, former.exchangeAccountId]);
    expect((await get(former.token, '/api/orders')).body.total).toBe(2);
    expect((await get(former.token, '/api/auth/me')).body.role).toBe('viewer');
    expect((await get(admin, '/api/users')).body.some((user: { username: string }) => user.username === 'sneaky')).toBe(false);
  });

  it('is refused every change the API documents, outside its own sign-in and password', async () => {
    const { body: document } = await get(admin, '/api/docs-json');
    const changes = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })))
      .filter(({ method, path }) => method !== 'GET' && !path.startsWith('/api/auth/') && path !== '/login');
    expect(changes.length).toBeGreaterThanOrEqual(10);
    for (const { method, path } of changes) {
      const answer = await send(method, path.replace(/\{[^}]+\}/g, former.exchangeAccountId), viewer, method === 'DELETE' ? undefined : {});
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 403 });
    }
  });

  it('changes its own password and signs out', async () => {
    const changed = await send('POST', '/api/auth/password', viewer, { currentPassword: 'watcher-password-1', newPassword: 'watcher-password-2' });
    expect(changed.status).toBe(200);
    expect((await send('POST', '/api/auth/logout', changed.body.access_token)).status).toBe(204);
    expect((await get(changed.body.access_token, '/api/auth/me')).status).toBe(401);
  });

  it('becomes a trader again when an administrator says so, and may trade then', async () => {
    const self = (await get(former.token, '/api/auth/me')).body.id;
    expect((await send('PATCH', `/api/users/${self}`, admin, { role: 'trader' })).status).toBe(200);
    const token = await login(api.baseUrl, 'retired', 'retired-password-1');
    expect((await send('DELETE', `/api/orders/${former.orderId}`, token)).status).toBe(200);
  });
});
