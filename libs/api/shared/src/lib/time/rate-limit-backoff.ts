import { Clock } from './clock';

/**
 * When an exchange says "too many requests" (429) or bans the address for a while (418), asking again at once
 * makes it worse: Binance lengthens a ban each time it is ignored. So requests stop for as long as the exchange
 * asked (`Retry-After`), and at least for a pause that doubles with every refusal in a row, up to a ceiling. The
 * first request that goes through resets the pause.
 */
export class RateLimitBackoff {
  private nextPauseMs: number;
  private pausedUntil = 0;

  constructor(
    private readonly clock: Clock,
    private readonly firstPauseMs: number,
    private readonly maxPauseMs: number,
  ) {
    this.nextPauseMs = firstPauseMs;
  }

  /** Milliseconds left before requests may go again; 0 when they may. */
  remainingMs(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  /**
   * Records a refusal and returns the pause it starts, in ms. The exchange's own `Retry-After` is obeyed even
   * beyond the ceiling, which bounds only the pauses we choose ourselves.
   */
  refused(retryAfterMs = 0): number {
    const pauseMs = Math.max(this.nextPauseMs, retryAfterMs);
    this.pausedUntil = this.clock.now() + pauseMs;
    this.nextPauseMs = Math.min(this.maxPauseMs, this.nextPauseMs * 2);
    return pauseMs;
  }

  succeeded(): void {
    this.nextPauseMs = this.firstPauseMs;
  }
}

/** The `Retry-After` of ccxt's last response, in ms (0 when absent). Binance sends seconds. */
export function retryAfterMs(lastResponseHeaders: unknown): number {
  const seconds = Number((lastResponseHeaders as Record<string, string> | undefined)?.['Retry-After']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}
