import { ManualClock } from '../time/clock';
import { MemoryAttemptCounter } from './attempt-counter';

describe('MemoryAttemptCounter', () => {
  const WINDOW_MS = 60_000;

  it('counts attempts per key in a window that opens with the first one', async () => {
    const clock = new ManualClock(1_000_000);
    const counter = new MemoryAttemptCounter(clock);
    expect(await counter.add('a', WINDOW_MS)).toEqual({ count: 1, resetsInMs: 60_000 });
    clock.advance(10_000);
    expect(await counter.add('a', WINDOW_MS)).toEqual({ count: 2, resetsInMs: 50_000 });
    expect(await counter.add('b', WINDOW_MS)).toEqual({ count: 1, resetsInMs: 60_000 });
  });

  it('starts again from zero once the window has ended', async () => {
    const clock = new ManualClock(1_000_000);
    const counter = new MemoryAttemptCounter(clock);
    await counter.add('a', WINDOW_MS);
    await counter.add('a', WINDOW_MS);
    clock.advance(WINDOW_MS);
    expect(await counter.add('a', WINDOW_MS)).toEqual({ count: 1, resetsInMs: 60_000 });
  });

  it('takes back an attempt of the open window, never below zero, and never one of a closed window', async () => {
    const clock = new ManualClock(1_000_000);
    const counter = new MemoryAttemptCounter(clock);
    await counter.add('a', WINDOW_MS);
    await counter.add('a', WINDOW_MS);
    await counter.takeBack('a');
    expect((await counter.add('a', WINDOW_MS)).count).toBe(2);
    await counter.takeBack('a');
    await counter.takeBack('a');
    await counter.takeBack('a');
    expect((await counter.add('a', WINDOW_MS)).count).toBe(1);
    await counter.takeBack('unknown');
    clock.advance(WINDOW_MS);
    await counter.takeBack('a');
    expect((await counter.add('a', WINDOW_MS)).count).toBe(1);
  });
});
