import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, BinanceTestServer, login, request, RunningApi, startApi } from '@lilux/api/testing';

describe('market data over HTTP (simulated feed)', () => {
  let api: RunningApi;
  let token: string;
  const get = (path: string) => request(api.baseUrl, 'GET', path, { token });

  beforeAll(async () => {
    api = await startApi({ MARKET_SEED: '11' });
    token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(() => api.stop());

  it('needs a token', async () => {
    expect((await request(api.baseUrl, 'GET', '/api/markets')).status).toBe(401);
    expect((await request(api.baseUrl, 'GET', '/api/ohlcv?symbol=BTC/USDT&timeframe=1m')).status).toBe(401);
  });

  it('lists markets with their precision and limits', async () => {
    const answer = await get('/api/markets');
    expect(answer.status).toBe(200);
    const symbols = answer.body.markets.map((market: { symbol: string }) => market.symbol);
    expect(symbols).toEqual(expect.arrayContaining(['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'DOGE/USDT']));
    expect(answer.body.markets.find((market: { symbol: string }) => market.symbol === 'BTC/USDT')).toEqual({
      symbol: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      pricePrecision: '0.01',
      amountPrecision: '0.00001',
      minAmount: '0.00001',
      minNotional: '5',
    });
  });

  it('reports the active source', async () => {
    const answer = await get('/api/market/status');
    expect(answer.body).toMatchObject({ source: 'simulated', mode: 'simulated', symbols: 6 });
    expect(Date.parse(answer.body.since)).not.toBeNaN();
  });

  it('serves 500 candles by default as [t, o, h, l, c, v], the last one forming', async () => {
    const answer = await get('/api/ohlcv?symbol=BTC/USDT&timeframe=1m');
    expect(answer.status).toBe(200);
    const candles = answer.body as number[][];
    expect(candles).toHaveLength(500);
    for (const [time, open, high, low, close, volume] of candles) {
      expect(time % 60_000).toBe(0);
      expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
      expect(low).toBeLessThanOrEqual(Math.min(open, close));
      expect(volume).toBeGreaterThanOrEqual(0);
    }
    expect(candles[499][0]).toBe(Math.floor(Date.now() / 60_000) * 60_000);
  });

  it('gives the same history to every process with the same seed', async () => {
    const since = Date.UTC(2026, 0, 5);
    const here = (await get(`/api/ohlcv?symbol=ETH/USDT&timeframe=1h&since=${since}&limit=24`)).body;
    expect(here.map((candle: number[]) => candle.slice(0, 5))).toEqual(
      Array.from({ length: 24 }, (_, hour) => {
        const rows = new SimulatedMarket(11).candles('ETH/USDT', 3_600_000, since + hour * 3_600_000, 1);
        return Array.from(rows.subarray(0, 5));
      }),
    );
  });

  it('gives a ticker as decimal strings', async () => {
    const answer = await get('/api/ticker?symbol=SOL/USDT');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ symbol: 'SOL/USDT', last: expect.stringMatching(/^\d+\.\d{2}$/) });
  });

  it.each([
    ['/api/ohlcv?symbol=NOPE/USDT&timeframe=1m', 'symbol'],
    ['/api/ohlcv?symbol=btcusdt&timeframe=1m', 'symbol'],
    ['/api/ohlcv?timeframe=1m', 'symbol'],
    ['/api/ohlcv?symbol=BTC/USDT&timeframe=2m', 'timeframe'],
    ['/api/ohlcv?symbol=BTC/USDT', 'timeframe'],
    ['/api/ohlcv?symbol=BTC/USDT&timeframe=1m&limit=0', 'limit'],
    ['/api/ohlcv?symbol=BTC/USDT&timeframe=1m&limit=1001', 'limit'],
    ['/api/ohlcv?symbol=BTC/USDT&timeframe=1m&limit=ten', 'limit'],
    ['/api/ohlcv?symbol=BTC/USDT&timeframe=1m&limit=0x2', 'limit'],
    ['/api/ohlcv?symbol=BTC/USDT&timeframe=1m&since=', 'since'],
    ['/api/ohlcv?symbol=BTC/USDT&timeframe=1m&since=1e12', 'since'],
    ['/api/ohlcv?symbol=BTC/USDT&timeframe=1m&since=-5', 'since'],
    ['/api/ohlcv?symbol=BTC/USDT&timeframe=1m&since=yesterday', 'since'],
    [`/api/ohlcv?symbol=BTC/USDT&timeframe=1m&since=${Date.now() + 86_400_000}`, 'since'],
    ['/api/ohlcv?symbol=BTC/USDT&timeframe=1m&colour=red', 'colour'],
    ['/api/ticker?symbol=NOPE/USDT', 'symbol'],
  ])('refuses %s naming %s', async (path, field) => {
    const answer = await get(path);
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.fields)).toEqual([field]);
  });
});

describe('market data from Binance through ccxt (a local Binance-compatible server)', () => {
  const binance = new BinanceTestServer(new SimulatedMarket(21));
  let api: RunningApi;
  let token: string;
  const get = (path: string) => request(api.baseUrl, 'GET', path, { token });

  beforeAll(async () => {
    await binance.start();
    api = await startApi({ MARKET_DATA: 'auto', MARKET_DATA_URL: binance.baseUrl, MARKET_DATA_TIMEOUT_MS: '1500' });
    token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await api?.stop();
    await binance.stop();
  });

  afterEach(() => binance.clearFaults());

  it('picks Binance at start-up when it answers', async () => {
    expect((await get('/api/market/status')).body).toMatchObject({ source: 'binance', mode: 'auto', symbols: 6 });
  });

  it('serves what the exchange sent', async () => {
    const since = Date.UTC(2026, 1, 1);
    const answer = await get(`/api/ohlcv?symbol=BTC/USDT&timeframe=15m&since=${since}&limit=4`);
    expect(answer.body).toEqual(Array.from({ length: 4 }, (_, i) => Array.from(new SimulatedMarket(21).candles('BTC/USDT', 900_000, since + i * 900_000, 1))));
  });

  it('answers 503 "market data unavailable" with Retry-After when rate limited, then recovers', async () => {
    binance.inject({ kind: 'rate-limit', retryAfterSeconds: 1 }, { path: '/api/v3/ticker/24hr' });
    const limited = await get('/api/ticker?symbol=ETH/USDT');
    expect(limited.status).toBe(503);
    expect(limited.body.message).toMatch(/^market data unavailable: /);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await get('/api/ticker?symbol=ETH/USDT')).status).toBe(200);
  });

  it('answers 503 when the exchange fails or sends garbage', async () => {
    // Other symbols than above: a ticker read in the last two seconds is answered without asking the exchange.
    binance.inject({ kind: 'server-error', status: 502 }, { path: '/api/v3/ticker/24hr' });
    expect((await get('/api/ticker?symbol=BTC/USDT')).status).toBe(503);
    binance.inject({ kind: 'malformed-json' }, { path: '/api/v3/ticker/24hr' });
    const garbled = await get('/api/ticker?symbol=SOL/USDT');
    expect(garbled.status).toBe(503);
    expect(garbled.body.message).toMatch(/^market data unavailable: /);
  });
});

describe('market data source choice when Binance is unreachable', () => {
  let api: RunningApi;

  beforeAll(async () => {
    // A port nothing listens on: connection refused straight away.
    api = await startApi({ MARKET_DATA: 'auto', MARKET_DATA_URL: 'http://127.0.0.1:9/api/v3' });
  });

  afterAll(() => api.stop());

  it('falls back to the simulated feed, says why once in the log and in the status', async () => {
    const token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const status = await request(api.baseUrl, 'GET', '/api/market/status', { token });
    expect(status.body).toMatchObject({ source: 'simulated', mode: 'auto', reason: expect.stringContaining('market data unavailable') });
    const fallbackLines = api
      .output()
      .split('\n')
      .filter((line) => line.includes('using the simulated market feed'));
    expect(fallbackLines).toHaveLength(1);
  });
});
