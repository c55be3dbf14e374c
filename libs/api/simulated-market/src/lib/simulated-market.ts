import { LRUCache } from 'lru-cache';
import { aggregateBars } from './bar-aggregation';
import { BAR_FIELDS, MinuteBars, PricePath } from './price-path';
import { SIMULATED_INSTRUMENTS, SimulatedInstrument } from './instruments';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const MINUTES_PER_DAY = 1440;
/** What a day of hour bars costs the cache beyond its 24 bars: the key, the entry, the LRU's bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 200;
/** About 12,000 days of hour bars: twice the history of a 1,000-candle daily chart, for each of the six instruments. */
const DEFAULT_HOUR_CACHE_BYTES = 16 * 1024 * 1024;

/** Candle rows, six numbers each: open time (ms), open, high, low, close, base volume. */
export type CandleRows = Float64Array;
export const CANDLE_FIELDS = 6;

/**
 * Work done a step at a time: each `yield` follows a day of newly generated path (a third of a millisecond
 * or so), where an asynchronous caller may let other work run. {@link finish} runs it in one go.
 */
export type Stepwise<T> = Generator<void, T, void>;

export function finish<T>(steps: Stepwise<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The offline market: seeded random walks for a fixed set of instruments. Candles of every width are
 * aggregated from the same minute bars, so a 1h candle is exactly its sixty 1m candles, and the candle that is
 * still forming is read off the same path the closed one will have.
 *
 * Generating the path is what costs (a daily candle is 1,440 minutes of it), so candles of whole hours are
 * built from hour bars kept per day in a bounded LRU cache: a day of path is generated once for its 1h, 4h and
 * 1d candles, and again only once it has been evicted.
 */
export class SimulatedMarket {
  private readonly paths = new Map<string, PricePath>();
  private readonly hoursByDay: LRUCache<string, MinuteBars>;
  private minutesGenerated = 0;

  constructor(
    readonly seed: number,
    readonly instruments: readonly SimulatedInstrument[] = SIMULATED_INSTRUMENTS,
    hourCacheBytes = DEFAULT_HOUR_CACHE_BYTES,
  ) {
    for (const instrument of instruments) this.paths.set(instrument.symbol, new PricePath(seed, instrument));
    this.hoursByDay = new LRUCache<string, MinuteBars>({ maxSize: hourCacheBytes, sizeCalculation: (hours) => hours.byteLength + ENTRY_OVERHEAD_BYTES });
  }

  instrument(symbol: string): SimulatedInstrument | undefined {
    return this.paths.get(symbol)?.instrument;
  }

  /** Minutes of path generated since this market was made: what its candles have cost. */
  get generatedMinutes(): number {
    return this.minutesGenerated;
  }

  /**
   * `count` complete candles of `timeframeMs` starting at `from` (rounded down to the candle's start). Whether
   * they are already in the past is the caller's business: see {@link formingCandle} for the current one.
   */
  candles(symbol: string, timeframeMs: number, from: number, count: number): CandleRows {
    return finish(this.candleSteps(symbol, timeframeMs, from, count));
  }

  /** {@link candles}, a day of generated path per step. */
  *candleSteps(symbol: string, timeframeMs: number, from: number, count: number): Stepwise<CandleRows> {
    const path = this.path(symbol);
    const start = Math.floor(from / timeframeMs) * timeframeMs;
    const rows = new Float64Array(count * CANDLE_FIELDS);
    if (timeframeMs % HOUR_MS === 0) {
      const hoursPerCandle = timeframeMs / HOUR_MS;
      const hours = yield* this.hourBars(symbol, start / HOUR_MS, count * hoursPerCandle);
      for (let c = 0; c < count; c++) aggregateBars(hours, c * hoursPerCandle, hoursPerCandle, rows, c);
    } else {
      const minutesPerCandle = timeframeMs / MINUTE_MS;
      const candlesPerStep = Math.max(1, Math.floor(MINUTES_PER_DAY / minutesPerCandle));
      for (let done = 0; done < count; done += candlesPerStep) {
        const inStep = Math.min(candlesPerStep, count - done);
        const bars = this.minuteBars(path, start / MINUTE_MS + done * minutesPerCandle, inStep * minutesPerCandle);
        for (let c = 0; c < inStep; c++) aggregateBars(bars, c * minutesPerCandle, minutesPerCandle, rows, done + c);
        yield;
      }
    }
    toCandles(path, rows);
    return rows;
  }

  /** Minutes of path {@link candles} would generate for these candles now, given what is cached. */
  minutesToGenerate(symbol: string, timeframeMs: number, from: number, count: number): number {
    this.path(symbol);
    const start = Math.floor(from / timeframeMs) * timeframeMs;
    if (timeframeMs % HOUR_MS !== 0) return (count * timeframeMs) / MINUTE_MS;
    let minutes = 0;
    for (const day of daysOf(start / HOUR_MS, (count * timeframeMs) / HOUR_MS)) {
      if (!this.hoursByDay.has(`${symbol}|${day}`)) minutes += MINUTES_PER_DAY;
    }
    return minutes;
  }

  /** The candle of `timeframeMs` that contains `now`, as it stands at `now` (whole seconds). */
  formingCandle(symbol: string, timeframeMs: number, now: number): CandleRows {
    const path = this.path(symbol);
    const candleStart = Math.floor(now / timeframeMs) * timeframeMs;
    const currentMinute = Math.floor(now / MINUTE_MS);
    // Of a candle of whole hours, the hours already closed come from hour bars; only the current hour from minutes.
    const isWholeHours = timeframeMs % HOUR_MS === 0;
    const firstMinute = isWholeHours ? Math.floor(now / HOUR_MS) * 60 : candleStart / MINUTE_MS;
    const closedHours = isWholeHours ? finish(this.hourBars(symbol, candleStart / HOUR_MS, firstMinute / 60 - candleStart / HOUR_MS)) : new Float64Array(0);
    const minutes = this.minuteBars(path, firstMinute, currentMinute - firstMinute + 1);
    formMinute(path, minutes, currentMinute - firstMinute, Math.floor((now % MINUTE_MS) / 1000));
    const bars = new Float64Array(closedHours.length + minutes.length);
    bars.set(closedHours);
    bars.set(minutes, closedHours.length);
    const row = new Float64Array(CANDLE_FIELDS);
    aggregateBars(bars, 0, bars.length / BAR_FIELDS, row, 0);
    toCandles(path, row);
    return row;
  }

  /** The last traded price at `now`. */
  price(symbol: string, now: number): number {
    const path = this.path(symbol);
    const minute = Math.floor(now / MINUTE_MS);
    const bar = this.minuteBars(path, minute, 1);
    return path.toPrice(path.priceWithinMinute(minute, bar, Math.floor((now % MINUTE_MS) / 1000)));
  }

  /** `hourCount` hour bars from hour index `firstHour`, generating each day not cached, one step a day. */
  private *hourBars(symbol: string, firstHour: number, hourCount: number): Stepwise<MinuteBars> {
    const path = this.path(symbol);
    const hours = new Float64Array(hourCount * BAR_FIELDS);
    for (const day of daysOf(firstHour, hourCount)) {
      const key = `${symbol}|${day}`;
      let dayHours = this.hoursByDay.get(key);
      const isGenerated = dayHours === undefined;
      if (dayHours === undefined) {
        const minutes = this.minuteBars(path, day * MINUTES_PER_DAY, MINUTES_PER_DAY);
        dayHours = new Float64Array(24 * BAR_FIELDS);
        for (let hour = 0; hour < 24; hour++) aggregateBars(minutes, hour * 60, 60, dayHours, hour);
        this.hoursByDay.set(key, dayHours);
      }
      const from = Math.max(firstHour, day * 24);
      const until = Math.min(firstHour + hourCount, day * 24 + 24);
      hours.set(dayHours.subarray((from - day * 24) * BAR_FIELDS, (until - day * 24) * BAR_FIELDS), (from - firstHour) * BAR_FIELDS);
      if (isGenerated) yield;
    }
    return hours;
  }

  private minuteBars(path: PricePath, fromMinute: number, count: number): MinuteBars {
    this.minutesGenerated += count;
    return path.bars(fromMinute, count);
  }

  private path(symbol: string): PricePath {
    const path = this.paths.get(symbol);
    if (!path) throw new RangeError(`unknown simulated symbol ${symbol}`);
    return path;
  }
}

/** The days (indexes since the epoch) that hours [firstHour, firstHour + hourCount) fall in. */
function daysOf(firstHour: number, hourCount: number): number[] {
  const days: number[] = [];
  for (let day = Math.floor(firstHour / 24); day <= Math.floor((firstHour + hourCount - 1) / 24); day++) days.push(day);
  return days;
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

/** Turns bars in price and amount steps into candles in place. */
function toCandles(path: PricePath, rows: Float64Array): void {
  for (let at = 0; at < rows.length; at += CANDLE_FIELDS) {
    for (let field = 1; field <= 4; field++) rows[at + field] = path.toPrice(rows[at + field]);
    rows[at + 5] = path.toAmount(rows[at + 5]);
  }
}
