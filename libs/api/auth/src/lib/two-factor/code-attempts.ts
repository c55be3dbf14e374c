import type { Clock } from '@lilux/api/shared';
import type Redis from 'ioredis';

/** Codes a user may get wrong in {@link CODE_ATTEMPT_WINDOW_MS} before every attempt is refused until it ends. */
export const CODE_ATTEMPT_LIMIT = 5;
export const CODE_ATTEMPT_WINDOW_MS = 15 * 60_000;

/**
 * Counts a user's two-factor attempts so that guessing codes is hopeless: at most {@link CODE_ATTEMPT_LIMIT}
 * wrong ones per window. An attempt is counted before the code is checked, so a burst of concurrent guesses
 * cannot all slip in under the limit, and handed back when the code was right: only wrong codes use it up.
 */
export abstract class CodeAttempts {
  /** Counts an attempt; the seconds until attempts are allowed again when over the limit, else null. */
  abstract take(userId: string): Promise<number | null>;
  /** Gives back an attempt that turned out right. */
  abstract giveBack(userId: string): Promise<void>;
}

interface Window {
  count: number;
  endsAt: number;
}

/** In this process, for a single instance. */
export class MemoryCodeAttempts extends CodeAttempts {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clock: Clock) {
    super();
  }

  async take(userId: string): Promise<number | null> {
    const now = this.clock.now();
    this.forgetEnded(now);
    const window = this.windows.get(userId) ?? { count: 0, endsAt: now + CODE_ATTEMPT_WINDOW_MS };
    window.count += 1;
    this.windows.set(userId, window);
    return window.count > CODE_ATTEMPT_LIMIT ? Math.ceil((window.endsAt - now) / 1000) : null;
  }

  async giveBack(userId: string): Promise<void> {
    const window = this.windows.get(userId);
    if (window && window.count > 0) window.count -= 1;
  }

  private forgetEnded(now: number): void {
    for (const [userId, window] of this.windows) if (window.endsAt <= now) this.windows.delete(userId);
  }
}

/** The window starts with its first attempt and ends on its own: Redis expires the key. */
const TAKE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;
/** Only within a window still open: a key that expired meanwhile must not come back without an expiry. */
const GIVE_BACK = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DECR', KEYS[1]) end
return 0`;

/** In Redis, shared by every instance: five wrong codes spread over two instances are five. */
export class RedisCodeAttempts extends CodeAttempts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  async take(userId: string): Promise<number | null> {
    const [count, ttlMs] = (await this.redis.eval(TAKE, 1, this.key(userId), CODE_ATTEMPT_WINDOW_MS)) as [number, number];
    return count > CODE_ATTEMPT_LIMIT ? Math.max(1, Math.ceil(ttlMs / 1000)) : null;
  }

  async giveBack(userId: string): Promise<void> {
    await this.redis.eval(GIVE_BACK, 1, this.key(userId));
  }

  private key(userId: string): string {
    return `${this.prefix}:two-factor-attempts:${userId}`;
  }
}
