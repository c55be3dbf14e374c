import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { Clock } from '@lilux/api/shared';

interface Window {
  hits: number;
  endsAt: number;
  blockedUntil: number;
}

/** How often windows that ended (and blocks that expired) are dropped, so that clients seen once do not pile up. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Request counts of one process in fixed windows: a count, an end and a block per key, the same work whatever
 * the limit. @nestjs/throttler's own storage keeps the time of every hit of the last window and filters that list
 * on each request: O(limit) a request, the largest cost of a request under load. The answers are those of the
 * Redis storage of a cluster (@nest-lab/throttler-storage-redis's script), so a limit behaves alike on one
 * instance and on several: at most `limit` requests per window, then refused until the block ends.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt: number;

  constructor(private readonly clock: Clock) {
    this.nextSweepAt = clock.now() + SWEEP_INTERVAL_MS;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now();
    if (now >= this.nextSweepAt) this.sweep(now);
    const id = `${throttlerName}|${key}`;
    let window = this.windows.get(id);
    if (!window) {
      window = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    } else if (window.endsAt <= now) {
      window.hits = 0;
      window.endsAt = now + ttl;
    }
    window.hits++;
    if (window.blockedUntil <= now && window.hits > limit) window.blockedUntil = now + blockDuration;
    const isBlocked = window.blockedUntil > now;
    return {
      totalHits: window.hits,
      timeToExpire: Math.ceil((window.endsAt - now) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    };
  }

  /** Keys whose window has ended and which are not blocked count from zero anyway. */
  private sweep(now: number): void {
    for (const [id, window] of this.windows) if (window.endsAt <= now && window.blockedUntil <= now) this.windows.delete(id);
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
  }

  /** Windows held, for tests of the sweep. */
  get size(): number {
    return this.windows.size;
  }
}
