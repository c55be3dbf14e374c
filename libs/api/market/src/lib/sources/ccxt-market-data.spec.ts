import { ManualClock } from '@lilux/api/shared';
import { CANDLE_FIELDS, SimulatedMarket } from '@lilux/api/simulated-market';
import { BinanceTestServer } from '@lilux/api/testing';
import { MarketDataUnavailableError, UnknownSymbolError } from '../market-data.errors';
import { CcxtMarketData } from './ccxt-market-data';
import { chooseMarketSource } from './choose-market-source';

const NOW = Date.UTC(2026, 10, 24, 12, 30, 15);

describe('CcxtMarketData against a Binance-compatible server', () => {
  const simulated = new SimulatedMarket(7);
  const clock = new ManualClock(NOW);
  const server = new BinanceTestServer(simulated, () => clock.now());
  let source: CcxtMarketData;

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    clock.set(NOW);
    server.clearFaults();
    // Room for a loaded machine (the whole test suite runs several projects at once); the slow answer below is slower.
    source = new CcxtMarketData({ baseUrl: server.baseUrl, timeoutMs: 2_000 }, clock);
  });

  it('reads markets with Binance precision, minimum amount and minimum notional', async () => {
    const markets = await source.markets();
    expect(markets.find((market) => market.symbol === 'BTC/USDT')).toEqual({
      symbol: 'BTC/USDT',
      base: 'BTC',
      quote: 'USDT',
      pricePrecision: '0.01',
      amountPrecision: '0.00001',
      minAmount: '0.00001',
      minNotional: '5',
    });
    expect(markets.find((market) => market.symbol === 'DOGE/USDT')).toMatchObject({ pricePrecision: '0.00001', amountPrecision: '1' });
  });

  it('reads a ticker as decimal strings', async () => {
    const ticker = await source.ticker('ETH/USDT');
    expect(ticker.symbol).toBe('ETH/USDT');
    expect(ticker.last).toBe(simulated.price('ETH/USDT', NOW).toString());
    expect(Number(ticker.high24h)).toBeGreaterThanOrEqual(Number(ticker.last));
    expect(ticker.change24hPercent).toMatch(/^-?\d+\.\d{2}$/);
  });

  it('reads candles exactly as the exchange sent them', async () => {
    const from = NOW - 3_600_000;
    const rows = await source.candles('BTC/USDT', '1m', Math.floor(from / 60_000) * 60_000, 30);
    expect(Array.from(rows)).toEqual(Array.from(simulated.candles('BTC/USDT', 60_000, from, 30)));
    expect(rows.length).toBe(30 * CANDLE_FIELDS);
  });

  it('reads the forming candle', async () => {
    const rows = await source.formingCandle('SOL/USDT', '5m');
    expect(Array.from(rows ?? [])).toEqual(Array.from(simulated.formingCandle('SOL/USDT', 300_000, NOW)));
  });

  it('refuses an unknown symbol without asking the exchange for it', async () => {
    await source.markets();
    const before = server.requestsTo('/api/v3/ticker/24hr');
    await expect(source.ticker('NOPE/USDT')).rejects.toBeInstanceOf(UnknownSymbolError);
    expect(server.requestsTo('/api/v3/ticker/24hr')).toBe(before);
  });

  describe('exchange faults', () => {
    beforeEach(() => source.markets());

    it.each([429, 418] as const)('backs off after a %i and asks again only once the pause is over', async (status) => {
      server.inject({ kind: status === 429 ? 'rate-limit' : 'ban', retryAfterSeconds: 5 });
      const error = await source.ticker('BTC/USDT').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MarketDataUnavailableError);
      expect((error as MarketDataUnavailableError).message).toMatch(/market data unavailable: binance asked us to slow down/);
      expect((error as MarketDataUnavailableError).retryAfterSeconds).toBe(5);

      const asked = server.requests.length;
      clock.advance(4000);
      await expect(source.ticker('BTC/USDT')).rejects.toBeInstanceOf(MarketDataUnavailableError);
      expect(server.requests.length).toBe(asked);

      clock.advance(1001);
      await expect(source.ticker('BTC/USDT')).resolves.toMatchObject({ symbol: 'BTC/USDT' });
    });

    it('doubles the pause when the exchange keeps refusing', async () => {
      server.inject({ kind: 'rate-limit', retryAfterSeconds: 0 }, { times: 2 });
      const pauseOfNextTicker = async () => ((await source.ticker('BTC/USDT').catch((e: unknown) => e)) as MarketDataUnavailableError).retryAfterSeconds ?? 0;
      const first = await pauseOfNextTicker();
      expect(first).toBeGreaterThan(0);
      clock.advance(first * 1000);
      expect(await pauseOfNextTicker()).toBe(first * 2);
    });

    it.each([
      [500, 'binance is not available'],
      [502, 'binance is not available'],
      [503, 'binance is not available'],
      [504, 'binance did not answer in time'],
    ] as const)('answers a %i as market data unavailable: %s', async (status, reason) => {
      server.inject({ kind: 'server-error', status });
      await expect(source.candles('BTC/USDT', '1h', NOW - 36_000_000, 5)).rejects.toThrow(new MarketDataUnavailableError(reason));
    });

    it('gives up on a slow answer', async () => {
      server.inject({ kind: 'slow', delayMs: 3_000 });
      await expect(source.ticker('BTC/USDT')).rejects.toThrow(new MarketDataUnavailableError('binance did not answer in time'));
    });

    it('refuses an answer it cannot parse', async () => {
      server.inject({ kind: 'malformed-json' });
      await expect(source.ticker('BTC/USDT')).rejects.toThrow(new MarketDataUnavailableError('binance sent an answer we could not read'));
    });

    it('says so when the exchange cannot be reached at all', async () => {
      const unreachable = new CcxtMarketData({ baseUrl: 'http://127.0.0.1:9/api/v3', timeoutMs: 500 }, clock);
      await expect(unreachable.markets()).rejects.toThrow(/market data unavailable: (cannot reach|binance did not answer)/);
    });
  });

  describe('choosing the source at start-up', () => {
    const settings = { MARKET_DATA_TIMEOUT_MS: 1000, MARKET_SEED: 1 } as const;

    it('uses Binance in auto mode when it answers', async () => {
      const choice = await chooseMarketSource({ ...settings, MARKET_DATA: 'auto', MARKET_DATA_URL: server.baseUrl }, clock);
      expect(choice.status).toEqual({ source: 'binance', mode: 'auto', since: new Date(NOW).toISOString() });
    });

    it('falls back to the simulated feed in auto mode, saying why', async () => {
      const choice = await chooseMarketSource({ ...settings, MARKET_DATA: 'auto', MARKET_DATA_URL: 'http://127.0.0.1:9/api/v3' }, clock);
      expect(choice.status).toMatchObject({ source: 'simulated', mode: 'auto', reason: expect.stringMatching(/market data unavailable/) });
      expect(choice.source.name).toBe('simulated');
    });

    it('never probes when told which source to use', async () => {
      const before = server.requests.length;
      const choice = await chooseMarketSource({ ...settings, MARKET_DATA: 'binance', MARKET_DATA_URL: server.baseUrl }, clock);
      expect(choice.status.source).toBe('binance');
      expect(server.requests.length).toBe(before);
    });
  });
});
