import { hashString, signedUnit, unit } from './deterministic-noise';
import { ANCHOR_TIME, SimulatedInstrument } from './instruments';

const MINUTES_PER_YEAR = 525_600;
/** Lattice spacings 1, 2, 4 … 2^17 minutes (about three months): the walk's memory. */
const OCTAVES = 18;
/** Octaves up to ~8 hours follow the volatility regime; slower ones set the trend and do not. */
const REGIME_OCTAVES = 10;
/** The summed octaves move about 1.15 units a minute; dividing by it makes sigma the per-minute volatility. */
const OCTAVE_SUM_STEP = 1.15;
const INVERSE_SPACING = new Float64Array(OCTAVES).map((_, k) => 1 / 2 ** k);
/** Trading is busiest in the European and American afternoon; a table because cos() a minute adds up. */
const SESSION_BY_MINUTE_OF_DAY = new Float64Array(1440).map((_, m) => 1 + 0.35 * Math.cos((2 * Math.PI * (m / 60 - 15)) / 24));
const JUMP_CHANCE_PER_HOUR = 0.012;
const JUMP_DECAY_MINUTES = 300;
const JUMP_REACH_MINUTES = 1440;

const enum Lane {
  Regime = 100,
  JumpChance = 200,
  JumpMinute,
  JumpSize,
  HighWick = 300,
  LowWick,
  Volume,
  IntraOrder = 400,
  IntraFirst,
  IntraSecond,
  IntraJitter,
}

/** Fields of one bar in {@link MinuteBars}: open time, then open/high/low/close in price steps, volume in amount steps. */
export const BAR_FIELDS = 6;

/**
 * Minute bars in integer units: prices in price steps (ticks), volume in quantity steps. Integers keep aggregation
 * exact: an hour's volume is exactly the sum of its minutes.
 */
export type MinuteBars = Float64Array;

/**
 * The seeded random walk of one instrument. The log price of minute m is a sum of interpolated noise at
 * doubling time scales (a fractal walk whose variance grows with the horizon, like Brownian motion), scaled by
 * a slowly changing volatility regime, plus a drift and occasional decaying jumps. Because every term is a
 * pure function of (seed, symbol, minute), any window of history is generated on demand and always the same.
 */
export class PricePath {
  private readonly key: number;
  private readonly sigma: number;
  private readonly logAnchor: number;
  private readonly driftPerMinute: number;
  private readonly anchorMinute = ANCHOR_TIME / 60_000;
  private readonly priceScale: number;
  private readonly amountScale: number;
  private readonly octaveAmplitude: Float64Array;

  constructor(
    seed: number,
    readonly instrument: SimulatedInstrument,
  ) {
    this.key = (hashString(instrument.symbol) ^ Math.imul(seed | 0, 0x27d4eb2f)) >>> 0;
    this.sigma = instrument.annualVolatility / Math.sqrt(MINUTES_PER_YEAR);
    this.logAnchor = Math.log(instrument.anchorPrice);
    this.driftPerMinute = instrument.annualDrift / MINUTES_PER_YEAR;
    this.priceScale = 10 ** instrument.priceDecimals;
    this.amountScale = 10 ** instrument.amountDecimals;
    this.octaveAmplitude = new Float64Array(OCTAVES).map((_, k) => (Math.sqrt(2 ** k) * this.sigma) / OCTAVE_SUM_STEP);
  }

  /** Bars for `count` consecutive minutes from minute index `fromMinute` (minutes since the epoch). */
  bars(fromMinute: number, count: number): MinuteBars {
    const closes = new Float64Array(count + 1);
    const regimes = new Float64Array(count + 1);
    this.closeTicks(fromMinute - 1, count + 1, closes, regimes);
    const bars = new Float64Array(count * BAR_FIELDS);
    const baseVolumeUnits = this.instrument.minuteVolume * this.amountScale;
    for (let i = 0; i < count; i++) {
      const minute = fromMinute + i;
      const open = closes[i];
      const close = closes[i + 1];
      const regime = regimes[i + 1];
      const wickScale = this.sigma * regime * close * 0.9;
      const high = Math.max(open, close) + Math.floor(Math.abs(signedUnit(this.key, Lane.HighWick, minute)) * wickScale);
      const low = Math.max(1, Math.min(open, close) - Math.floor(Math.abs(signedUnit(this.key, Lane.LowWick, minute)) * wickScale));
      const surprise = Math.min(6, Math.abs(Math.log(close / open)) / (this.sigma * regime));
      const session = SESSION_BY_MINUTE_OF_DAY[minute % 1440];
      const noise = Math.exp(0.5 * signedUnit(this.key, Lane.Volume, minute));
      const volume = Math.max(1, Math.round(baseVolumeUnits * session * (0.5 + 0.5 * surprise) * noise * regime));
      const at = i * BAR_FIELDS;
      bars[at] = minute * 60_000;
      bars[at + 1] = open;
      bars[at + 2] = high;
      bars[at + 3] = low;
      bars[at + 4] = close;
      bars[at + 5] = volume;
    }
    return bars;
  }

  /**
   * The price in ticks at `second` (0..59) of a minute whose bar is given, on a path that starts at the open,
   * touches the high and the low and ends at the close on second 59. The running bar of a live minute is read
   * off this path, so when the minute closes the live bar has become exactly the historical one.
   */
  priceWithinMinute(minute: number, bar: ArrayLike<number>, second: number): number {
    const [open, high, low, close] = [bar[1], bar[2], bar[3], bar[4]];
    const isHighFirst = unit(this.key, Lane.IntraOrder, minute) < 0.5;
    const first = 5 + Math.floor(unit(this.key, Lane.IntraFirst, minute) * 25);
    const secondTurn = first + 5 + Math.floor(unit(this.key, Lane.IntraSecond, minute) * (54 - first - 5));
    const points: [number, number][] = [
      [0, open],
      [first, isHighFirst ? high : low],
      [secondTurn, isHighFirst ? low : high],
      [59, close],
    ];
    let segment = 0;
    while (segment < 2 && second > points[segment + 1][0]) segment++;
    const [t0, p0] = points[segment];
    const [t1, p1] = points[segment + 1];
    const progress = (second - t0) / (t1 - t0);
    const jitter = signedUnit(this.key, Lane.IntraJitter, minute * 60 + second) * (high - low) * 0.15 * Math.sin(Math.PI * progress);
    return Math.min(high, Math.max(low, Math.round(p0 + (p1 - p0) * progress + jitter)));
  }

  toPrice(ticks: number): number {
    return ticks / this.priceScale;
  }

  toAmount(units: number): number {
    return units / this.amountScale;
  }

  private closeTicks(fromMinute: number, count: number, closes: Float64Array, regimes: Float64Array): void {
    const latticeIndex = new Int32Array(OCTAVES).fill(-0x80000000);
    const left = new Float64Array(OCTAVES);
    const right = new Float64Array(OCTAVES);
    const jumps = this.jumpsBetween(fromMinute - JUMP_REACH_MINUTES, fromMinute + count);
    let firstLiveJump = 0;
    for (let i = 0; i < count; i++) {
      const minute = fromMinute + i;
      const regime = this.regime(minute);
      let fast = 0;
      let slow = 0;
      for (let k = 0; k < OCTAVES; k++) {
        // Minute indexes stay below 2^31 until the year 6053, so shifts are safe and much cheaper than division.
        const index = minute >> k;
        if (index !== latticeIndex[k]) {
          left[k] = index === latticeIndex[k] + 1 ? right[k] : signedUnit(this.key, k, index);
          right[k] = signedUnit(this.key, k, index + 1);
          latticeIndex[k] = index;
        }
        const value = left[k] + (right[k] - left[k]) * ((minute - (index << k)) * INVERSE_SPACING[k]);
        if (k < REGIME_OCTAVES) fast += this.octaveAmplitude[k] * value;
        else slow += this.octaveAmplitude[k] * value;
      }
      while (firstLiveJump < jumps.length && jumps[firstLiveJump].minute + JUMP_REACH_MINUTES <= minute) firstLiveJump++;
      let jump = 0;
      for (let j = firstLiveJump; j < jumps.length && jumps[j].minute <= minute; j++) {
        jump += jumps[j].size * Math.exp(-(minute - jumps[j].minute) / JUMP_DECAY_MINUTES);
      }
      const logPrice = this.logAnchor + this.driftPerMinute * (minute - this.anchorMinute) + fast * regime + slow + jump;
      closes[i] = Math.max(1, Math.round(Math.exp(logPrice) * this.priceScale));
      regimes[i] = regime;
    }
  }

  /** Calm and busy spells: a smooth multiplier between about 0.6 and 1.7 that changes over hours. */
  private regime(minute: number): number {
    const spacing = 1024;
    const index = Math.floor(minute / spacing);
    const t = (minute - index * spacing) / spacing;
    const smooth = t * t * (3 - 2 * t);
    const a = signedUnit(this.key, Lane.Regime, index);
    const b = signedUnit(this.key, Lane.Regime, index + 1);
    return Math.exp(0.5 * (a + (b - a) * smooth));
  }

  private jumpsBetween(fromMinute: number, toMinute: number): { minute: number; size: number }[] {
    const jumps: { minute: number; size: number }[] = [];
    const hourSigma = this.sigma * Math.sqrt(60);
    for (let hour = Math.floor(fromMinute / 60); hour * 60 < toMinute; hour++) {
      if (unit(this.key, Lane.JumpChance, hour) >= JUMP_CHANCE_PER_HOUR) continue;
      const size = signedUnit(this.key, Lane.JumpSize, hour);
      jumps.push({
        minute: hour * 60 + Math.floor(unit(this.key, Lane.JumpMinute, hour) * 60),
        size: Math.sign(size) * (3 + 5 * Math.abs(size)) * hourSigma,
      });
    }
    return jumps;
  }
}
