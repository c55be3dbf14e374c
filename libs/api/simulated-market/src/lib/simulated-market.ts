import { BAR_FIELDS, MinuteBars, PricePath } from './price-path';
import { SIMULATED_INSTRUMENTS, SimulatedInstrument } from './instruments';

const MINUTE_MS = 60_000;
/** Generate at most this many minutes at once, so a year of daily candles never needs one huge buffer. */
const MINUTES_PER_BLOCK = 43_200;

/** Candle rows, six numbers each: open time (ms), open, high, low, close, base volume. */
export type CandleRows = Float64Array;
export const CANDLE_FIELDS = 6;

/**
 * The offline market: seeded random walks for a fixed set of instruments. Candles of every width are
 * aggregated from the same minute bars, so a 1h candle is exactly its sixty 1m candles, and the candle that is
 * still forming is read off the same path the closed one will have.
 */
export class SimulatedMarket {
  private readonly paths = new Map<string, PricePath>();

  constructor(
    readonly seed: number,
    readonly instruments: readonly SimulatedInstrument[] = SIMULATED_INSTRUMENTS,
  ) {
    for (const instrument of instruments) this.paths.set(instrument.symbol, new PricePath(seed, instrument));
  }

  instrument(symbol: string): SimulatedInstrument | undefined {
    return this.paths.get(symbol)?.instrument;
  }

  /**
   * `count` complete candles of `timeframeMs` starting at `from` (rounded down to the candle's start). Whether
   * they are already in the past is the caller's business: see {@link formingCandle} for the current one.
   */
  candles(symbol: string, timeframeMs: number, from: number, count: number): CandleRows {
    const path = this.path(symbol);
    const minutesPerCandle = timeframeMs / MINUTE_MS;
    const firstMinute = Math.floor(from / timeframeMs) * minutesPerCandle;
    const rows = new Float64Array(count * CANDLE_FIELDS);
    const candlesPerBlock = Math.max(1, Math.floor(MINUTES_PER_BLOCK / minutesPerCandle));
    for (let done = 0; done < count; done += candlesPerBlock) {
      const inBlock = Math.min(candlesPerBlock, count - done);
      const bars = path.bars(firstMinute + done * minutesPerCandle, inBlock * minutesPerCandle);
      for (let c = 0; c < inBlock; c++) {
        aggregateInto(path, bars, c * minutesPerCandle, minutesPerCandle, rows, done + c);
      }
    }
    return rows;
  }

  /** The candle of `timeframeMs` that contains `now`, as it stands at `now` (whole seconds). */
  formingCandle(symbol: string, timeframeMs: number, now: number): CandleRows {
    const path = this.path(symbol);
    const candleStart = Math.floor(now / timeframeMs) * timeframeMs;
    const firstMinute = candleStart / MINUTE_MS;
    const currentMinute = Math.floor(now / MINUTE_MS);
    const bars = path.bars(firstMinute, currentMinute - firstMinute + 1);
    formMinute(path, bars, currentMinute - firstMinute, Math.floor((now % MINUTE_MS) / 1000));
    const row = new Float64Array(CANDLE_FIELDS);
    aggregateInto(path, bars, 0, currentMinute - firstMinute + 1, row, 0);
    return row;
  }

  /** The last traded price at `now`. */
  price(symbol: string, now: number): number {
    const path = this.path(symbol);
    const minute = Math.floor(now / MINUTE_MS);
    const bar = path.bars(minute, 1);
    return path.toPrice(path.priceWithinMinute(minute, bar, Math.floor((now % MINUTE_MS) / 1000)));
  }

  private path(symbol: string): PricePath {
    const path = this.paths.get(symbol);
    if (!path) throw new RangeError(`unknown simulated symbol ${symbol}`);
    return path;
  }
}

/** Cuts the bar at `index` down to what had happened by `second`: the live minute. */
function formMinute(path: PricePath, bars: MinuteBars, index: number, second: number): void {
  const at = index * BAR_FIELDS;
  const minute = bars[at] / MINUTE_MS;
  const bar = bars.subarray(at, at + BAR_FIELDS);
  let high = bar[1];
  let low = bar[1];
  let last = bar[1];
  for (let s = 0; s <= second; s++) {
    last = path.priceWithinMinute(minute, bar, s);
    if (last > high) high = last;
    if (last < low) low = last;
  }
  const volume = Math.floor((bar[5] * (second + 1)) / 60);
  bars.set([high, low, last, volume], at + 2);
}

function aggregateInto(path: PricePath, bars: MinuteBars, firstBar: number, barCount: number, rows: Float64Array, row: number): void {
  const first = firstBar * BAR_FIELDS;
  let high = bars[first + 2];
  let low = bars[first + 3];
  let volume = 0;
  for (let b = 0; b < barCount; b++) {
    const at = first + b * BAR_FIELDS;
    if (bars[at + 2] > high) high = bars[at + 2];
    if (bars[at + 3] < low) low = bars[at + 3];
    volume += bars[at + 5];
  }
  const out = row * CANDLE_FIELDS;
  rows[out] = bars[first];
  rows[out + 1] = path.toPrice(bars[first + 1]);
  rows[out + 2] = path.toPrice(high);
  rows[out + 3] = path.toPrice(low);
  rows[out + 4] = path.toPrice(bars[first + (barCount - 1) * BAR_FIELDS + 4]);
  rows[out + 5] = path.toAmount(volume);
}
