import { FixedWindowThrottlerStorage } from '@lilux/api/auth';
import { SystemClock } from '@lilux/api/shared';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { performance } from 'node:perf_hooks';
import { Figure, SuiteResult, formatNumber } from '../report';

const MINUTE = 60_000;
/** Hits of one client already in the window: at 2,400 requests a second a minute holds 144,000. */
const SIZES = [1_000, 5_000, 20_000];
const MEASURED = 1_000;

/**
 * The rate limit's count per request, alone, next to the library's storage: one client with `size` hits in the
 * current minute and a limit above them (the market bench's), then the mean time of the next increments.
 */
export async function benchRateLimitStorage(): Promise<SuiteResult> {
  const figures: Figure[] = [];
  for (const size of SIZES) {
    const library = new ThrottlerStorageService();
    const fixedWindow = new FixedWindowThrottlerStorage(new SystemClock());
    const perIncrementUs = async (storage: ThrottlerStorage) => {
      for (let hit = 0; hit < size; hit++) await storage.increment('client', MINUTE, 100_000_000, MINUTE, 'default');
      const began = performance.now();
      for (let hit = 0; hit < MEASURED; hit++) await storage.increment('client', MINUTE, 100_000_000, MINUTE, 'default');
      return ((performance.now() - began) * 1000) / MEASURED;
    };
    const libraryUs = await perIncrementUs(library);
    library.onApplicationShutdown();
    const fixedWindowUs = await perIncrementUs(fixedWindow);
    figures.push({
      name: `${formatNumber(size)} hits in the window`,
      value: `@nestjs/throttler's storage ${formatNumber(libraryUs, 1)} µs, fixed window ${formatNumber(fixedWindowUs, 2)} µs per request`,
    });
  }
  return { title: 'Rate-limit count per request, in memory', conditions: `mean of ${MEASURED} increments of one client after the hits shown`, figures };
}
