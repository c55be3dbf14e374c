import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, BinanceTestServer, createTestDatabase, login, request, runToExit, RunningApi, startApi, TestDatabase } from '@lilux/api/testing';

const API_KEY = 'copyKeyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6A7b8C9';
const SECRET = 'copySecretZ9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2H1g0F9e8D7c6B5a4Z3y2';

/** `npm run db:copy`: a trader who started on the SQLite default moves to PostgreSQL and keeps everything. */
describe('copying a SQLite database into PostgreSQL', () => {
  const binance = new BinanceTestServer(new SimulatedMarket(1));
  let onSqlite: RunningApi;
  let postgres: TestDatabase;
  let onPostgres: RunningApi | undefined;
  let settings: Record<string, string>;

  const get = (api: RunningApi, token: string, path: string) => request(api.baseUrl, 'GET', path, { token });
  /** What must survive the move, without what moves with the market (prices, values, times of reading). */
  const ledgerOf = async (api: RunningApi, token: string) => {
    const portfolio = (await get(api, token, '/api/portfolio')).body;
    return {
      audit: (await get(api, token, '/api/portfolio/audit')).body,
      cash: portfolio.cash,
      fees: portfolio.fees_paid,
      realized: portfolio.pnls.realized,
      positions: portfolio.positions.map(({ asset, qty, averageCost }: Record<string, string>) => ({ asset, qty, averageCost })),
      orders: (await get(api, token, '/api/orders?limit=100')).body,
      trades: (await get(api, token, '/api/trades?limit=100')).body,
      accounts: (await get(api, token, '/api/accounts')).body.map(({ id, kind, label, apiKeyMasked }: Record<string, string>) => ({
        id,
        kind,
        label,
        apiKeyMasked,
      })),
    };
  };

  beforeAll(async () => {
    binance.addAccount(API_KEY, SECRET, { USDT: '2500', BTC: '0.25' });
    settings = { RATE_LIMIT_PER_MINUTE: '100000', BINANCE_TESTNET_URL: await binance.start(), EXCHANGE_TIMEOUT_MS: '2000' };
  });

  afterAll(async () => {
    await onPostgres?.stop();
    await postgres?.drop();
    await onSqlite?.stop();
    await binance.stop();
  });

  it('keeps users, orders, fills, balances and encrypted keys exactly, and refuses a target that holds data', async () => {
    onSqlite = await startApi(settings, { engine: 'sqlite' });
    const admin = await login(onSqlite.baseUrl, ADMIN.username, ADMIN.password);
    await request(onSqlite.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'mover', password: 'mover-password-1' } });
    const trader = await login(onSqlite.baseUrl, 'mover', 'mover-password-1');
    const order = (body: unknown) => request(onSqlite.baseUrl, 'POST', '/api/orders', { token: trader, body });
    const last = Number((await get(onSqlite, trader, '/api/ticker?symbol=BTC/USDT')).body.last);
    expect((await order({ symbol: 'BTC/USDT', side: 'buy', qty: '0.0123', sl: (last * 0.9).toFixed(2), tp: (last * 1.1).toFixed(2) })).status).toBe(201);
    expect((await order({ symbol: 'ETH/USDT', side: 'buy', qty: '0.5' })).status).toBe(201);
    expect((await order({ symbol: 'ETH/USDT', side: 'sell', qty: '0.2' })).status).toBe(201);
    expect((await order({ symbol: 'BTC/USDT', side: 'buy', qty: '0.001', price: (last * 0.5).toFixed(2) })).status).toBe(201);
    const connected = await request(onSqlite.baseUrl, 'POST', '/api/accounts', {
      token: trader,
      body: { exchange: 'binance', mode: 'testnet', label: 'Moved testnet', apiKey: API_KEY, secret: SECRET, password: 'mover-password-1' },
    });
    expect(connected.status).toBe(201);
    const before = await ledgerOf(onSqlite, trader);
    expect(before.audit).toMatchObject({ ok: true, fills: 3 });
    await onSqlite.halt();

    postgres = await createTestDatabase(onSqlite.directory, 'postgres');
    const copied = runToExit('copy-database.js', {}, onSqlite, [postgres.url]);
    expect([copied.status, copied.stderr]).toEqual([0, '']);
    expect(copied.stdout).toContain('fills: 3 row(s)');
    expect(copied.stdout).not.toContain(new URL(postgres.url).password || 'no password in this URL');

    // On PostgreSQL amounts are numeric and times timestamptz; they read back as the strings SQLite held.
    expect(await postgres.columnTypes('fills')).toMatchObject({
      qty: 'numeric',
      fee: 'numeric',
      executed_at: 'timestamp with time zone',
      symbol: 'character varying',
    });
    onPostgres = await startApi(settings, { database: postgres });
    const after = await ledgerOf(onPostgres, trader);
    expect(after).toEqual(before);
    // Ids the database counts (order transitions) go on after the copied ones.
    const next = await request(onPostgres.baseUrl, 'POST', '/api/orders', { token: trader, body: { symbol: 'ETH/USDT', side: 'buy', qty: '0.1' } });
    expect(next.status).toBe(201);
    // The key was copied encrypted and still decrypts with the same FERNET_KEY.
    expect((await request(onPostgres.baseUrl, 'POST', `/api/accounts/${connected.body.id}/check`, { token: trader })).status).toBe(200);

    const again = runToExit('copy-database.js', {}, onSqlite, [postgres.url]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('the target database already holds data');
  });
});
