import { Clock } from '@lilux/api/shared';
import { ColdCandleBudgetSpentError } from '../market-data.errors';

const MINUTES_PER_DAILY_CHART = 1000 * 1440;
/** Three daily charts of 1,000 candles that no one asked for before (six of the console's 500), at once. */
export const COLD_CANDLE_BURST_MINUTES = 3 * MINUTES_PER_DAILY_CHART;
/** Then one such chart a minute: about 1 % of a core here, however many requests a user sends. */
export const COLD_CANDLE_MINUTES_PER_SECOND = MINUTES_PER_DAILY_CHART / 60;

interface Balance {
  minutes: number;
  at: number;
}

/**
 * How much uncached candle history each user may have the simulated feed generate: a bucket of minutes of
 * price path that refills at a steady rate. A cold daily candle costs 1,440 minutes of path (about 0.3 ms of
 * CPU each here), so without a bound one trader asking for ever older charts keeps the server busy; with it,
 * he waits (429 with `Retry-After`) while cached candles stay free for everyone. Per instance, like the CPU
 * it protects.
 */
export class ColdCandleBudget {
  private readonly balances = new Map<string, Balance>();

  constructor(
    private readonly clock: Clock,
    private readonly burstMinutes = COLD_CANDLE_BURST_MINUTES,
    private readonly minutesPerSecond = COLD_CANDLE_MINUTES_PER_SECOND,
  ) {}

  /** Takes `minutes` from the user's bucket, or refuses with the seconds until the bucket holds them. */
  spend(userId: string, minutes: number): void {
    if (minutes <= 0) return;
    const now = this.clock.now();
    const available = this.available(userId, now);
    const needed = Math.min(minutes, this.burstMinutes);
    if (available < needed) throw new ColdCandleBudgetSpentError((needed - available) / this.minutesPerSecond);
    this.balances.set(userId, { minutes: available - minutes, at: now });
  }

  private available(userId: string, now: number): number {
    const balance = this.balances.get(userId);
    if (!balance) return this.burstMinutes;
    const refilled = balance.minutes + ((now - balance.at) / 1000) * this.minutesPerSecond;
    if (refilled < this.burstMinutes) return refilled;
    // A full bucket is the same as none: forget it, so the map holds only users who spent lately.
    this.balances.delete(userId);
    return this.burstMinutes;
  }
}
