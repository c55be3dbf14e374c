import { compare, hash } from 'bcrypt';
import { availableParallelism } from 'node:os';
import { PasswordHashingBusyError } from './users.errors';

/** OWASP's floor for bcrypt; about 250 ms a hash on a 2-core machine. */
export const BCRYPT_COST = 12;

/** About how long one hash at {@link BCRYPT_COST} holds a core; only to tell a refused client when to come back. */
const HASH_ESTIMATE_MS = 250;

/**
 * Compared against when a username does not exist, so that an unknown user costs the same bcrypt work as a
 * wrong password and the answer time tells nothing.
 */
const UNKNOWN_USER_HASH = '$2b$12$MhVAPsfM6BrVM5vIxLWquO0y3T3EuW8ByZUA/9oxLLtpUSRwavb22';

/**
 * bcrypt with its cost bounded. A hash holds a thread of libuv's pool for ~250 ms, and that pool also serves
 * SQLite and file access: logins sent faster than they can be hashed (known usernames or not) would queue there
 * without end and slow every request. So at most `concurrency` hashes run at once, at most `queueLimit` wait for
 * them, and any more is refused at once with {@link PasswordHashingBusyError} (503 with Retry-After).
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly queueLimit: number,
    private readonly concurrency = defaultConcurrency(),
  ) {}

  hash(password: string): Promise<string> {
    return this.run(() => hash(password, BCRYPT_COST));
  }

  /** Whether `password` is the one hashed; with no hash (unknown user) it still pays for one comparison. */
  matches(password: string, passwordHash: string | undefined): Promise<boolean> {
    return this.run(() => compare(password, passwordHash ?? UNKNOWN_USER_HASH));
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queueLimit) {
      const rounds = Math.ceil((this.running + this.waiting.length) / this.concurrency);
      return Promise.reject(new PasswordHashingBusyError(Math.max(1, Math.ceil((rounds * HASH_ESTIMATE_MS) / 1000))));
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot to the hash that waited longest, if any. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}

/** One hash per core, leaving at least one thread of libuv's pool (4 unless UV_THREADPOOL_SIZE says more) to the rest. */
function defaultConcurrency(): number {
  const poolSize = Number(process.env['UV_THREADPOOL_SIZE']) || 4;
  return Math.max(1, Math.min(availableParallelism(), poolSize - 1));
}
