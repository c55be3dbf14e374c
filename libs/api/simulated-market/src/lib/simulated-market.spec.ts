import { SIMULATED_INSTRUMENTS } from './instruments';
import { BAR_FIELDS, PricePath } from './price-path';
import { CANDLE_FIELDS, CandleRows, SimulatedMarket, finish } from './simulated-market';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 20, 13);

/** Candles the plain way: every minute of each candle generated and aggregated, nothing kept. */
function aggregatedFromMinutes(seed: number, symbol: string, timeframeMs: number, from: number, count: number): number[][] {
  const path = new PricePath(seed, SIMULATED_INSTRUMENTS.find((instrument) => instrument.symbol === symbol) as (typeof SIMULATED_INSTRUMENTS)[number]);
  const minutesPerCandle = timeframeMs / MINUTE;
  const bars = path.bars((Math.floor(from / timeframeMs) * timeframeMs) / MINUTE, count * minutesPerCandle);
  return Array.from({ length: count }, (_, c) => {
    const own = Array.from({ length: minutesPerCandle }, (_, m) =>
      bars.subarray((c * minutesPerCandle + m) * BAR_FIELDS, (c * minutesPerCandle + m + 1) * BAR_FIELDS),
    );
    return [
      own[0][0],
      path.toPrice(own[0][1]),
      path.toPrice(Math.max(...own.map((bar) => bar[2]))),
      path.toPrice(Math.min(...own.map((bar) => bar[3]))),
      path.toPrice(own[own.length - 1][4]),
      path.toAmount(own.reduce((sum, bar) => sum + bar[5], 0)),
    ];
  });
}

function rows(data: CandleRows): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < data.length; i += CANDLE_FIELDS) out.push(Array.from(data.subarray(i, i + CANDLE_FIELDS)));
  return out;
}

describe('SimulatedMarket', () => {
  const market = new SimulatedMarket(42);

  it('gives the same history for the same seed and another for another seed', () => {
    const again = new SimulatedMarket(42).candles('BTC/USDT', MINUTE, START, 300);
    expect(rows(again)).toEqual(rows(market.candles('BTC/USDT', MINUTE, START, 300)));
    expect(rows(new SimulatedMarket(43).candles('BTC/USDT', MINUTE, START, 300))).not.toEqual(rows(again));
  });

  it('gives the same candle whichever window it is asked in', () => {
    const wide = rows(market.candles('ETH/USDT', MINUTE, START, 500));
    const narrow = rows(market.candles('ETH/USDT', MINUTE, START + 250 * MINUTE, 10));
    expect(narrow).toEqual(wide.slice(250, 260));
  });

  it.each(['BTC/USDT', 'DOGE/USDT'])('makes each 1h candle of %s the aggregation of its sixty 1m candles', (symbol) => {
    const hours = rows(market.candles(symbol, HOUR, START, 24));
    const minutes = rows(market.candles(symbol, MINUTE, START, 24 * 60));
    hours.forEach(([time, open, high, low, close, volume], h) => {
      const own = minutes.slice(h * 60, h * 60 + 60);
      expect(time).toBe(own[0][0]);
      expect(open).toBe(own[0][1]);
      expect(high).toBe(Math.max(...own.map((m) => m[2])));
      expect(low).toBe(Math.min(...own.map((m) => m[3])));
      expect(close).toBe(own[59][4]);
      expect(volume).toBeCloseTo(
        own.reduce((sum, m) => sum + m[5], 0),
        6,
      );
    });
  });

  describe('candles of whole hours, built from hour bars kept per day', () => {
    const cases: [string, number, number, number][] = [
      ['BTC/USDT', HOUR, Date.UTC(2026, 10, 20, 13, 17), 50],
      ['DOGE/USDT', 4 * HOUR, Date.UTC(2024, 1, 28, 21), 20],
      ['XRP/USDT', DAY, Date.UTC(2019, 6, 3, 5), 9],
      ['ETH/USDT', DAY, Date.UTC(1999, 11, 30), 4],
    ];

    it.each(cases)('gives exactly the candles aggregated from every minute: %s, %d ms from %d × %d', (symbol, timeframe, from, count) => {
      const fresh = new SimulatedMarket(42);
      expect(rows(fresh.candles(symbol, timeframe, from, count))).toEqual(aggregatedFromMinutes(42, symbol, timeframe, from, count));
      // Again, partly from the days the first call kept and partly from new ones.
      const shifted = from + Math.floor(count / 2) * timeframe;
      expect(rows(fresh.candles(symbol, timeframe, shifted, count))).toEqual(aggregatedFromMinutes(42, symbol, timeframe, shifted, count));
    });

    it('generates each day of path once for 1h, 4h and 1d candles', () => {
      const fresh = new SimulatedMarket(42);
      const start = Date.UTC(2025, 4, 1);
      expect(fresh.minutesToGenerate('SOL/USDT', DAY, start, 10)).toBe(10 * 1440);
      fresh.candles('SOL/USDT', HOUR, start, 240);
      expect(fresh.generatedMinutes).toBe(10 * 1440);
      expect(fresh.minutesToGenerate('SOL/USDT', DAY, start, 10)).toBe(0);
      fresh.candles('SOL/USDT', 4 * HOUR, start, 60);
      fresh.candles('SOL/USDT', DAY, start + 3 * DAY, 7);
      expect(fresh.generatedMinutes).toBe(10 * 1440);
      expect(fresh.minutesToGenerate('SOL/USDT', DAY, start + 8 * DAY, 5)).toBe(3 * 1440);
      fresh.candles('SOL/USDT', DAY, start + 8 * DAY, 5);
      expect(fresh.generatedMinutes).toBe(13 * 1440);
    });

    it('steps once per day of path it generates, and not at all over days it kept', () => {
      const fresh = new SimulatedMarket(42);
      const countSteps = (from: number, count: number) => {
        const steps = fresh.candleSteps('BNB/USDT', DAY, from, count);
        let taken = 0;
        while (!steps.next().done) taken++;
        return taken;
      };
      expect(countSteps(Date.UTC(2023, 0, 1), 8)).toBe(8);
      expect(countSteps(Date.UTC(2023, 0, 1), 8)).toBe(0);
      expect(countSteps(Date.UTC(2023, 0, 6), 8)).toBe(5);
      expect(rows(finish(fresh.candleSteps('BNB/USDT', DAY, Date.UTC(2023, 0, 1), 13)))).toEqual(
        rows(new SimulatedMarket(42).candles('BNB/USDT', DAY, Date.UTC(2023, 0, 1), 13)),
      );
    });

    it('keeps no more days than its byte budget holds, and gives the same candles after evicting them', () => {
      // A day of hour bars takes 1,152 bytes and the entry about 200 more: room for three days.
      const small = new SimulatedMarket(42, SIMULATED_INSTRUMENTS, 3 * 1400);
      const first = rows(small.candles('BTC/USDT', DAY, Date.UTC(2022, 0, 1), 6));
      expect(small.minutesToGenerate('BTC/USDT', DAY, Date.UTC(2022, 0, 1), 6)).toBe(3 * 1440);
      expect(rows(small.candles('BTC/USDT', DAY, Date.UTC(2022, 0, 1), 6))).toEqual(first);
    });
  });

  it('opens each candle where the previous one closed and keeps high and low around the body', () => {
    const candles = rows(market.candles('SOL/USDT', MINUTE, START, 2000));
    candles.forEach(([, open, high, low, close, volume], i) => {
      if (i > 0) expect(open).toBe(candles[i - 1][4]);
      expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
      expect(low).toBeLessThanOrEqual(Math.min(open, close));
      expect(low).toBeGreaterThan(0);
      expect(volume).toBeGreaterThan(0);
    });
  });

  it('keeps prices and volumes on the instrument steps', () => {
    const candles = rows(market.candles('DOGE/USDT', MINUTE, START, 500));
    for (const [, open, high, low, close, volume] of candles) {
      for (const price of [open, high, low, close]) expect(Number((price * 1e5).toFixed(6)) % 1).toBe(0);
      expect(Number.isInteger(volume)).toBe(true);
    }
  });

  it('has history for any window, years back included', () => {
    const old = rows(market.candles('BTC/USDT', 86_400_000, Date.UTC(2019, 0, 1), 30));
    expect(old).toHaveLength(30);
    expect(old[0][0]).toBe(Date.UTC(2019, 0, 1));
    for (const candle of old) expect(candle.every(Number.isFinite)).toBe(true);
  });

  it('moves with about the instrument volatility, with busier and calmer spells', () => {
    const closes = rows(market.candles('BTC/USDT', MINUTE, START, 20_000)).map((c) => c[4]);
    const returns = closes.slice(1).map((close, i) => Math.log(close / closes[i]));
    const std = Math.sqrt(returns.reduce((sum, r) => sum + r * r, 0) / returns.length);
    const perMinute = 0.55 / Math.sqrt(525_600);
    expect(std).toBeGreaterThan(perMinute * 0.5);
    expect(std).toBeLessThan(perMinute * 2);
    const hourlyStd = (from: number) => Math.sqrt(returns.slice(from, from + 60).reduce((sum, r) => sum + r * r, 0) / 60);
    const spells = Array.from({ length: 300 }, (_, h) => hourlyStd(h * 60));
    expect(Math.max(...spells) / Math.min(...spells)).toBeGreaterThan(2);
  });

  describe('the forming candle', () => {
    it('becomes exactly the closed candle by the last second of its period', () => {
      for (const [width, count] of [
        [MINUTE, 5],
        [HOUR, 2],
        [4 * HOUR, 2],
        [DAY, 2],
      ] as const) {
        const closed = rows(market.candles('BTC/USDT', width, START, count));
        closed.forEach((candle) => {
          const lastSecond = candle[0] + width - 1000;
          expect(Array.from(market.formingCandle('BTC/USDT', width, lastSecond))).toEqual(candle);
        });
      }
    });

    it('keeps its open, widens its range and grows its volume as the seconds pass', () => {
      const seconds = Array.from({ length: 60 }, (_, s) => Array.from(market.formingCandle('ETH/USDT', MINUTE, START + s * 1000)));
      seconds.forEach(([time, open, high, low, close, volume], s) => {
        expect(time).toBe(START);
        expect(open).toBe(seconds[0][1]);
        expect(close).toBe(market.price('ETH/USDT', START + s * 1000));
        if (s > 0) {
          expect(high).toBeGreaterThanOrEqual(seconds[s - 1][2]);
          expect(low).toBeLessThanOrEqual(seconds[s - 1][3]);
          expect(volume).toBeGreaterThanOrEqual(seconds[s - 1][5]);
        }
      });
      expect(new Set(seconds.map((c) => c[4])).size).toBeGreaterThan(10);
    });
  });

  it('refuses a symbol it does not simulate', () => {
    expect(() => market.candles('NOPE/USDT', MINUTE, START, 1)).toThrow(RangeError);
  });
});
