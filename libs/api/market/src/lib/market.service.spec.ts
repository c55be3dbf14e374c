import { ManualClock } from '@lilux/api/shared';
import { SimulatedMarket } from '@lilux/api/simulated-market';
import { BinanceTestServer } from '@lilux/api/testing';
import { Candle } from '@lilux/contracts';
import { firstValueFrom, take, toArray } from 'rxjs';
import { ColdCandleBudget } from './budget/cold-candle-budget';
import { CandleCache } from './cache/candle-cache';
import { ColdCandleBudgetSpentError, SinceInFutureError, UnknownSymbolError } from './market-data.errors';
import { MarketService } from './market.service';
import { CcxtMarketData } from './sources/ccxt-market-data';
import { MarketDataSource } from './sources/market-data-source';
import { SimulatedMarketData } from './sources/simulated-market-data';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 24, 12, 30, 15);

function serviceOver(source: MarketDataSource, clock: ManualClock, cacheBytes = 8 * 1024 * 1024): MarketService {
  const status = { source: source.name, mode: source.name, since: new Date(NOW).toISOString() } as const;
  return new MarketService({ source, status }, new CandleCache(cacheBytes), new ColdCandleBudget(clock), clock);
}

describe('MarketService over the simulated feed', () => {
  const simulated = new SimulatedMarket(3);
  const clock = new ManualClock(NOW);
  let service: MarketService;

  beforeEach(() => {
    clock.set(NOW);
    service = serviceOver(new SimulatedMarketData(simulated), clock);
  });

  it('gives the latest 500 candles by default, oldest first, ending with the forming one', async () => {
    const candles = await service.candles({ symbol: 'BTC/USDT', timeframe: '1m' });
    expect(candles).toHaveLength(500);
    const formingStart = Date.UTC(2026, 10, 24, 12, 30);
    expect(candles[499][0]).toBe(formingStart);
    expect(candles[0][0]).toBe(formingStart - 499 * MINUTE);
    expect(candles.every((candle, i) => i === 0 || candle[0] - candles[i - 1][0] === MINUTE)).toBe(true);
    expect(candles[499]).toEqual(Array.from(simulated.formingCandle('BTC/USDT', MINUTE, NOW)));
  });

  it('starts a window at the first candle opening at or after since', async () => {
    const since = Date.UTC(2026, 10, 20, 3, 7, 30);
    const candles = await service.candles({ symbol: 'ETH/USDT', timeframe: '15m', since, limit: 4 });
    expect(candles.map((candle) => candle[0])).toEqual([15, 30, 45, 60].map((minute) => Date.UTC(2026, 10, 20, 3, minute)));
  });

  it('moves the forming candle as time passes and closes it without changing it afterwards', async () => {
    const first = await service.candles({ symbol: 'SOL/USDT', timeframe: '1m', limit: 2 });
    clock.advance(20_000);
    const later = await service.candles({ symbol: 'SOL/USDT', timeframe: '1m', limit: 2 });
    expect(later[1][0]).toBe(first[1][0]);
    expect(later[1]).not.toEqual(first[1]);
    clock.advance(MINUTE);
    const closed = await service.candles({ symbol: 'SOL/USDT', timeframe: '1m', limit: 3 });
    expect(closed[1][0]).toBe(first[1][0]);
    expect(closed[1][1]).toBe(first[1][1]);
    expect(closed[1]).toEqual(Array.from(simulated.candles('SOL/USDT', MINUTE, first[1][0], 1)));
  });

  it('refuses an unknown symbol and a since in the future, naming the field', async () => {
    await expect(service.ticker('NOPE/USDT')).rejects.toMatchObject({ fields: { symbol: expect.any(String) } });
    await expect(service.candles({ symbol: 'NOPE/USDT', timeframe: '1m' })).rejects.toBeInstanceOf(UnknownSymbolError);
    await expect(service.candles({ symbol: 'BTC/USDT', timeframe: '1m', since: NOW + MINUTE })).rejects.toBeInstanceOf(SinceInFutureError);
  });

  it('prices a ticker from the same path as the candles', async () => {
    const ticker = await service.ticker('DOGE/USDT');
    expect(Number(ticker.last)).toBeCloseTo(simulated.price('DOGE/USDT', Math.floor(NOW / 1000) * 1000), 5);
    expect(ticker.last).toMatch(/^\d+\.\d{5}$/);
  });

  it('shares one live series between watchers and emits the forming candle as it moves', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const updates: Candle[] = [];
      const first = service.watchCandles('BTC/USDT', '1m');
      expect(service.watchCandles('BTC/USDT', '1m')).toBe(first);
      const subscription = first.subscribe((candle) => updates.push(candle));
      for (let second = 0; second < 3; second++) {
        await jest.advanceTimersByTimeAsync(1);
        clock.advance(1000);
        await jest.advanceTimersByTimeAsync(1000);
      }
      expect(updates.length).toBeGreaterThanOrEqual(3);
      expect(new Set(updates.map((candle) => candle[4])).size).toBeGreaterThan(1);
      subscription.unsubscribe();
      expect(service.watchCandles('BTC/USDT', '1m')).not.toBe(first);
    } finally {
      jest.useRealTimers();
    }
  });

  it('charges a user for the history a request generates and refuses one beyond the budget before generating it', async () => {
    const market = new SimulatedMarket(3);
    const fourDays = new ColdCandleBudget(clock, 4 * 1440, 1440 / 60);
    const budgeted = new MarketService(
      { source: new SimulatedMarketData(market), status: { source: 'simulated', mode: 'simulated', since: '' } },
      new CandleCache(1 << 20),
      fourDays,
      clock,
    );
    const daily = (since: number, limit: number) => ({ symbol: 'BTC/USDT', timeframe: '1d' as const, since, limit });
    await budgeted.candles(daily(Date.UTC(2021, 0, 1), 2), 'alice');
    await budgeted.candles(daily(Date.UTC(2021, 0, 1), 2), 'alice');
    // The same days as four-hour candles come from the hour bars the daily ones left: free too.
    await budgeted.candles({ symbol: 'BTC/USDT', timeframe: '4h', since: Date.UTC(2021, 0, 1), limit: 12 }, 'alice');
    await budgeted.candles(daily(Date.UTC(2022, 0, 1), 2), 'alice');
    expect(market.generatedMinutes).toBe(4 * 1440);

    const refused = budgeted.candles(daily(Date.UTC(2023, 0, 1), 1), 'alice');
    await expect(refused).rejects.toBeInstanceOf(ColdCandleBudgetSpentError);
    await expect(refused).rejects.toMatchObject({ status: 429, retryAfterSeconds: 60 });
    expect(market.generatedMinutes).toBe(4 * 1440);

    await budgeted.candles(daily(Date.UTC(2021, 0, 2), 1), 'alice');
    await budgeted.candles(daily(Date.UTC(2023, 0, 1), 1), 'bob');
    await budgeted.candles(daily(Date.UTC(2024, 0, 1), 5));
    clock.advance(MINUTE);
    await budgeted.candles(daily(Date.UTC(2023, 0, 2), 1), 'alice');
  });

  it('serializes a candle window and a ticker once per tick for every caller, again when the tick moves', async () => {
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      const query = { symbol: 'BTC/USDT', timeframe: '1m' as const, limit: 500 };
      const first = await service.candlesJson(query, 'alice');
      expect(await service.candlesJson(query, 'bob')).toBe(first);
      const ticker = await service.tickerJson('BTC/USDT');
      expect(await service.tickerJson('BTC/USDT')).toBe(ticker);
      expect(stringify).toHaveBeenCalledTimes(2);
      expect(first).toBe(JSON.stringify(await service.candles(query)));
      expect(JSON.parse(ticker)).toEqual(await service.ticker('BTC/USDT'));

      clock.advance(1000);
      const moved = await service.candlesJson(query, 'alice');
      expect(moved).not.toBe(first);
      expect(moved).toBe(JSON.stringify(await service.candles(query)));
      expect(JSON.parse(await service.tickerJson('BTC/USDT'))).toEqual(await service.ticker('BTC/USDT'));
    } finally {
      stringify.mockRestore();
    }
  });

  it('keeps a window per question: another limit, since or timeframe is serialized on its own', async () => {
    const latest = await service.candlesJson({ symbol: 'ETH/USDT', timeframe: '1m', limit: 3 });
    const since = NOW - 10 * MINUTE;
    expect(JSON.parse(await service.candlesJson({ symbol: 'ETH/USDT', timeframe: '1m', limit: 2 }))).toEqual(JSON.parse(latest).slice(1));
    expect(JSON.parse(await service.candlesJson({ symbol: 'ETH/USDT', timeframe: '1m', limit: 2, since }))).toEqual(
      await service.candles({ symbol: 'ETH/USDT', timeframe: '1m', limit: 2, since }),
    );
    expect(JSON.parse(await service.candlesJson({ symbol: 'ETH/USDT', timeframe: '5m', limit: 3 }))).toEqual(
      await service.candles({ symbol: 'ETH/USDT', timeframe: '5m', limit: 3 }),
    );
  });

  it('emits tickers for a watched symbol', async () => {
    const tickers = await firstValueFrom(service.watchTicker('ETH/USDT').pipe(take(1), toArray()));
    expect(tickers[0].symbol).toBe('ETH/USDT');
  });
});

describe('MarketService caching closed candles from Binance', () => {
  const clock = new ManualClock(NOW);
  const server = new BinanceTestServer(new SimulatedMarket(5), () => clock.now());

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => clock.set(NOW));

  it('asks the exchange for closed candles once and for the forming one once per refresh', async () => {
    const source = new CcxtMarketData({ baseUrl: server.baseUrl, timeoutMs: 1000 }, clock);
    const service = serviceOver(source, clock);
    const first = await service.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 500 });
    const afterFirst = server.requestsTo('/api/v3/klines');
    const [second] = await Promise.all([
      service.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 500 }),
      service.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 500 }),
    ]);
    expect(second).toEqual(first);
    expect(server.requestsTo('/api/v3/klines')).toBe(afterFirst);
    clock.advance(source.refreshMs);
    await service.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 500 });
    expect(server.requestsTo('/api/v3/klines')).toBe(afterFirst + 1);

    // A minute later only the newly closed candle and the new forming one are fetched.
    clock.set(NOW + MINUTE);
    const klinesBefore = server.requests.length;
    const moved = await service.candles({ symbol: 'BTC/USDT', timeframe: '1m', limit: 500 });
    expect(moved.slice(0, 498)).toEqual(first.slice(1, 499));
    const fetched = server.requests.slice(klinesBefore).filter((request) => request.path === '/api/v3/klines');
    expect(fetched.map((request) => Number(request.query.get('limit') ?? 0)).every((limit) => limit <= 2)).toBe(true);
  });

  it('keeps within its byte budget by dropping the least recently used candles', async () => {
    const cache = new CandleCache(100 * 1024);
    const service = new MarketService(
      { source: new SimulatedMarketData(new SimulatedMarket(5)), status: { source: 'simulated', mode: 'simulated', since: '' } },
      cache,
      new ColdCandleBudget(clock),
      clock,
    );
    for (const symbol of ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'DOGE/USDT']) {
      await service.candles({ symbol, timeframe: '1m', limit: 1000 });
    }
    expect(cache.sizeInBytes).toBeLessThanOrEqual(100 * 1024);
    expect(cache.sizeInBytes).toBeGreaterThan(50 * 1024);
  });
});
