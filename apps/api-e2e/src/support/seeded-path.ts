import { SIMULATED_INSTRUMENTS, SimulatedMarket } from '@lilux/api/simulated-market';

/** Where the simulated price goes out of the range it keeps for a while: a level it reaches, when, and from which side. */
export interface Breakout {
  /** A level the price stays clear of until `at`, then stays at or beyond for three seconds. */
  level: string;
  /** The first second (ms) at which the price is at or beyond `level`. */
  at: number;
  direction: 'up' | 'down';
}

/**
 * The price path of MARKET_SEED `seed` is known in advance (the API's simulated feed reads the same path): this
 * finds a level the price does not touch from `from` until `quietMs` later and then reaches and holds for three
 * seconds, so that a test can set an alert or a limit order at it and know when it must act, whichever second
 * the API's once-a-second poll happens to read.
 */
export function nextBreakout(seed: number, symbol: string, from: number, quietMs: number, want?: 'up' | 'down'): Breakout {
  const market = new SimulatedMarket(seed);
  const decimals = SIMULATED_INSTRUMENTS.find((instrument) => instrument.symbol === symbol)?.priceDecimals ?? 2;
  const step = 10 ** -decimals;
  const priceAt = (second: number) => Number(market.price(symbol, second).toFixed(decimals));
  const start = Math.floor(from / 1000) * 1000 - 2000;
  const quietEnd = Math.floor((from + quietMs) / 1000) * 1000;
  let high = -Infinity;
  let low = Infinity;
  for (let second = start; second <= quietEnd; second += 1000) {
    high = Math.max(high, priceAt(second));
    low = Math.min(low, priceAt(second));
  }
  for (let second = quietEnd + 1000; second < quietEnd + 600_000; second += 1000) {
    const held = [0, 1000, 2000].map((offset) => priceAt(second + offset));
    const up = Math.min(...held);
    const down = Math.max(...held);
    if (want !== 'down' && up > high + 2 * step) {
      const level = Math.ceil(((high + up) / 2) * 10 ** decimals) / 10 ** decimals;
      return { level: level.toFixed(decimals), at: firstAtOrBeyond(priceAt, quietEnd, (price) => price >= level), direction: 'up' };
    }
    if (want !== 'up' && down < low - 2 * step) {
      const level = Math.floor(((low + down) / 2) * 10 ** decimals) / 10 ** decimals;
      return { level: level.toFixed(decimals), at: firstAtOrBeyond(priceAt, quietEnd, (price) => price <= level), direction: 'down' };
    }
    high = Math.max(high, priceAt(second));
    low = Math.min(low, priceAt(second));
  }
  throw new Error(`the ${symbol} path of seed ${seed} stays within ${low}–${high} for ten minutes`);
}

function firstAtOrBeyond(priceAt: (second: number) => number, after: number, isBeyond: (price: number) => boolean): number {
  let second = after + 1000;
  while (!isBeyond(priceAt(second))) second += 1000;
  return second;
}
