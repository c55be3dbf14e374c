import { ManualClock } from '@lilux/api/shared';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

const MINUTE = 60_000;

describe('FixedWindowThrottlerStorage', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 12, 0, 0));
  let storage: FixedWindowThrottlerStorage;

  beforeEach(() => (storage = new FixedWindowThrottlerStorage(clock)));

  it('lets `limit` hits through in a window, then blocks for the block duration and counts again afterwards', async () => {
    for (let hit = 1; hit <= 3; hit++) {
      expect(await storage.increment('client', MINUTE, 3, MINUTE, 'default')).toEqual({
        totalHits: hit,
        timeToExpire: 60,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
    }
    clock.advance(20_000);
    expect(await storage.increment('client', MINUTE, 3, MINUTE, 'default')).toEqual({ totalHits: 4, timeToExpire: 40, isBlocked: true, timeToBlockExpire: 60 });
    clock.advance(50_000);
    // The window has ended but the block, set 20 s into it, has 10 s to go.
    expect(await storage.increment('client', MINUTE, 3, MINUTE, 'default')).toMatchObject({ totalHits: 1, isBlocked: true, timeToBlockExpire: 10 });
    clock.advance(10_000);
    expect(await storage.increment('client', MINUTE, 3, MINUTE, 'default')).toMatchObject({ totalHits: 2, isBlocked: false });
  });

  it('counts each key and each throttler apart', async () => {
    await storage.increment('client', MINUTE, 1, MINUTE, 'default');
    expect(await storage.increment('client', MINUTE, 1, MINUTE, 'default')).toMatchObject({ isBlocked: true });
    expect(await storage.increment('other', MINUTE, 1, MINUTE, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await storage.increment('client', MINUTE, 1, MINUTE, 'login')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('costs the same at any limit: 100,000 hits of one key keep one window', async () => {
    for (let hit = 0; hit < 100_000; hit++) await storage.increment('client', MINUTE, 1_000_000, MINUTE, 'default');
    expect(await storage.increment('client', MINUTE, 1_000_000, MINUTE, 'default')).toMatchObject({ totalHits: 100_001 });
    expect(storage.size).toBe(1);
  });

  it('drops the windows of clients not seen for a window, but not a block still running', async () => {
    await storage.increment('gone', MINUTE, 5, MINUTE, 'default');
    await storage.increment('blocked', MINUTE, 0, 5 * MINUTE, 'default');
    clock.advance(2 * MINUTE);
    await storage.increment('here', MINUTE, 5, MINUTE, 'default');
    expect(storage.size).toBe(2);
    expect(await storage.increment('blocked', MINUTE, 0, 5 * MINUTE, 'default')).toMatchObject({ isBlocked: true, timeToBlockExpire: 180 });
  });
});
