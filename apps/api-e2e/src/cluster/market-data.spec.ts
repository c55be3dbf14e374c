import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, BinanceTestServer, login, request, RunningApi, startApi } from '@lilux/api/testing';
import { ownRedis } from '../support/own-redis';

const TICKER = '/api/v3/ticker/24hr';
/** Binance's prices are read afresh every 2 s (CcxtMarketData.refreshMs). */
const REFRESH_MS = 2000;

/** Market data from an exchange is fetched once per cluster, and one instance's rate limit pauses them all. */
describe('two instances reading Binance', () => {
  const binance = new BinanceTestServer(new SimulatedMarket(2));
  let a: RunningApi;
  let b: RunningApi;
  let token: string;

  const ticker = (api: RunningApi) => request(api.baseUrl, 'GET', '/api/ticker?symbol=BTC/USDT', { token });

  beforeAll(async () => {
    const settings = {
      RATE_LIMIT_PER_MINUTE: '100000',
      MARKET_DATA: 'binance',
      MARKET_DATA_URL: await binance.start(),
      MARKET_DATA_TIMEOUT_MS: '1500',
      ...ownRedis(),
    };
    a = await startApi(settings);
    b = await startApi(settings, { database: a.database });
    token = await login(a.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await b.stop();
    await a.stop();
    await binance.stop();
  });

  it('asks the exchange for a ticker once per refresh, however many instances want it', async () => {
    const before = binance.requestsTo(TICKER);
    const started = Date.now();
    for (let i = 0; i < 30; i++) {
      const answers = await Promise.all([ticker(a), ticker(b)]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const refreshes = Math.ceil((Date.now() - started) / REFRESH_MS) + 1;
    // Each instance reading for itself would ask twice per refresh.
    expect(binance.requestsTo(TICKER) - before).toBeLessThanOrEqual(refreshes);
  });

  it('pauses every instance when the exchange tells one of them to slow down', async () => {
    // Into the next refresh period, so that the next read goes to the exchange.
    await new Promise((resolve) => setTimeout(resolve, REFRESH_MS));
    binance.inject({ kind: 'rate-limit', retryAfterSeconds: 5 }, { path: TICKER, times: 1 });
    const refused = await ticker(a);
    expect([refused.status, Number(refused.headers.get('retry-after'))]).toEqual([503, expect.any(Number)]);
    const asked = binance.requestsTo(TICKER);
    await new Promise((resolve) => setTimeout(resolve, REFRESH_MS));
    // The other instance does not ask: the pause is the cluster's.
    const paused = await ticker(b);
    expect(paused.status).toBe(503);
    expect(paused.body.message).toContain('slow down');
    expect(binance.requestsTo(TICKER)).toBe(asked);
  });
});
