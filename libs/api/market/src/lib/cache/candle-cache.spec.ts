import { CandleRows, SimulatedMarket } from '@lilux/api/simulated-market';
import { CANDLES_PER_CHUNK, CandleCache } from './candle-cache';

const DAY = 86_400_000;
const CHUNK_MS = CANDLES_PER_CHUNK * DAY;
const market = new SimulatedMarket(8);

/** The simulated feed's daily candles, each fetch written down. */
function dailySource(): { fetch: (from: number, count: number) => Promise<CandleRows>; fetches: [number, number][] } {
  const fetches: [number, number][] = [];
  return {
    fetches,
    fetch: async (from, count) => {
      fetches.push([from, count]);
      return market.candles('ETH/USDT', DAY, from, count);
    },
  };
}

function joined(parts: CandleRows[]): number[] {
  return parts.flatMap((part) => Array.from(part));
}

describe('CandleCache', () => {
  const chunkStart = Math.floor(Date.UTC(2024, 0, 1) / CHUNK_MS) * CHUNK_MS;

  it('fetches only the candles asked for, not the rest of their chunk', async () => {
    const cache = new CandleCache(1024 * 1024);
    const source = dailySource();
    const from = chunkStart + 400 * DAY;
    const candles = await cache.closedCandles('sim|ETH/USDT', DAY, from, from + 3 * DAY, source.fetch);
    expect(source.fetches).toEqual([[from, 3]]);
    expect(joined(candles)).toEqual(Array.from(market.candles('ETH/USDT', DAY, from, 3)));
  });

  it('answers an empty window inside a chunk with no candles and no fetch', async () => {
    const cache = new CandleCache(1024 * 1024);
    const source = dailySource();
    const from = chunkStart + 400 * DAY;
    expect(await cache.closedCandles('sim|ETH/USDT', DAY, from, from, source.fetch)).toEqual([]);
    expect(cache.missing('sim|ETH/USDT', DAY, from, from)).toEqual([]);
    expect(source.fetches).toEqual([]);
  });

  it('fetches the gaps between what it holds and serves a window across them whole', async () => {
    const cache = new CandleCache(1024 * 1024);
    const source = dailySource();
    await cache.closedCandles('sim|ETH/USDT', DAY, chunkStart + 10 * DAY, chunkStart + 20 * DAY, source.fetch);
    await cache.closedCandles('sim|ETH/USDT', DAY, chunkStart + 30 * DAY, chunkStart + 40 * DAY, source.fetch);
    expect(cache.missing('sim|ETH/USDT', DAY, chunkStart + 5 * DAY, chunkStart + 45 * DAY)).toEqual([
      { from: chunkStart + 5 * DAY, count: 5 },
      { from: chunkStart + 20 * DAY, count: 10 },
      { from: chunkStart + 40 * DAY, count: 5 },
    ]);
    source.fetches.length = 0;
    const candles = await cache.closedCandles('sim|ETH/USDT', DAY, chunkStart + 5 * DAY, chunkStart + 45 * DAY, source.fetch);
    expect(source.fetches).toEqual([
      [chunkStart + 5 * DAY, 5],
      [chunkStart + 20 * DAY, 10],
      [chunkStart + 40 * DAY, 5],
    ]);
    expect(joined(candles)).toEqual(Array.from(market.candles('ETH/USDT', DAY, chunkStart + 5 * DAY, 40)));
    expect(cache.missing('sim|ETH/USDT', DAY, chunkStart, chunkStart + 50 * DAY)).toEqual([
      { from: chunkStart, count: 5 },
      { from: chunkStart + 45 * DAY, count: 5 },
    ]);
  });

  it('gives every one of overlapping requests in flight at once its whole window', async () => {
    const cache = new CandleCache(1024 * 1024);
    const source = dailySource();
    const windows = [
      [0, 30],
      [20, 50],
      [10, 60],
      [45, 520],
    ].map(([from, until]) => [chunkStart + from * DAY, chunkStart + until * DAY]);
    const answers = await Promise.all(windows.map(([from, to]) => cache.closedCandles('sim|ETH/USDT', DAY, from, to, source.fetch)));
    answers.forEach((parts, i) => {
      const [from, to] = windows[i];
      expect(joined(parts)).toEqual(Array.from(market.candles('ETH/USDT', DAY, from, (to - from) / DAY)));
    });
    expect(cache.missing('sim|ETH/USDT', DAY, chunkStart, chunkStart + 520 * DAY)).toEqual([]);
  });

  it('counts a candle that does not exist as known, so it is not asked for again', async () => {
    const cache = new CandleCache(1024 * 1024);
    const fetches: number[] = [];
    const before = async (from: number) => {
      fetches.push(from);
      return new Float64Array(0);
    };
    expect(joined(await cache.closedCandles('binance|NEW/USDT', DAY, chunkStart, chunkStart + 5 * DAY, before))).toEqual([]);
    expect(joined(await cache.closedCandles('binance|NEW/USDT', DAY, chunkStart, chunkStart + 5 * DAY, before))).toEqual([]);
    expect(fetches).toEqual([chunkStart]);
  });
});
