import { randomBytes } from 'node:crypto';

/**
 * The Redis settings of one test cluster: the suite's Redis, under a prefix of its own, since other test runs may
 * share that Redis and this cluster's channels and counters must be its own.
 */
export function ownRedis(): { REDIS_URL: string; REDIS_PREFIX: string } {
  return {
    REDIS_URL: process.env['LILUX_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `lilux-test-${randomBytes(4).toString('hex')}`,
  };
}
