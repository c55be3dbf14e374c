import type Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { Clock } from '../time/clock';

/** The attempts counted under one key in its current window. */
export interface AttemptCount {
  /** Attempts in the window, the one just counted included. */
  count: number;
  /** Milliseconds until the window ends and counting starts again from zero. */
  resetsInMs: number;
}

/**
 * Counts attempts under a key (wrong passwords of a user, say) in fixed windows that open with the first attempt.
 * An attempt is counted before it is judged, so that attempts sent at once cannot all slip under a limit; one
 * judged harmless is then taken back. In Redis when instances share one, so a limit holds across all of them.
 */
export abstract class AttemptCounter {
  abstract add(key: string, windowMs: number): Promise<AttemptCount>;

  /** Uncounts one attempt of the current window, if it is still open. */
  abstract takeBack(key: string): Promise<void>;
}

/** Enough keys for every user of a large desk; the least recently counted go first. */
const MAX_KEYS = 100_000;

export class MemoryAttemptCounter extends AttemptCounter {
  private readonly windows = new LRUCache<string, { count: number; endsAt: number }>({ max: MAX_KEYS });

  constructor(private readonly clock: Clock) {
    super();
  }

  async add(key: string, windowMs: number): Promise<AttemptCount> {
    const now = this.clock.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetsInMs: window.endsAt - now };
  }

  async takeBack(key: string): Promise<void> {
    const window = this.windows.get(key);
    if (window && window.endsAt > this.clock.now() && window.count > 0) window.count -= 1;
  }
}

/** Counts and opens the window in one step; a key left without expiry (never, but cheap to mend) gets one. */
const ADD_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

/** DECR alone would create a key without expiry when the window has just closed. */
const TAKE_BACK_SCRIPT = `
if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

export class RedisAttemptCounter extends AttemptCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  async add(key: string, windowMs: number): Promise<AttemptCount> {
    const [count, resetsInMs] = (await this.redis.eval(ADD_SCRIPT, 1, this.keyOf(key), windowMs)) as [number, number];
    return { count, resetsInMs };
  }

  async takeBack(key: string): Promise<void> {
    await this.redis.eval(TAKE_BACK_SCRIPT, 1, this.keyOf(key));
  }

  private keyOf(key: string): string {
    return `${this.prefix}:attempts:${key}`;
  }
}
