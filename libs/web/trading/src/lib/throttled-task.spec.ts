import { ThrottledTask } from './throttled-task';

describe('ThrottledTask', () => {
  let now: number;
  let runs: number[];
  let task: ThrottledTask;

  beforeEach(() => {
    jest.useFakeTimers();
    now = 0;
    runs = [];
    task = new ThrottledTask(
      () => runs.push(now),
      () => 1000,
      100,
      () => now,
    );
  });

  afterEach(() => jest.useRealTimers());

  function advance(ms: number): void {
    for (let step = 0; step < ms; step += 10) {
      now += 10;
      jest.advanceTimersByTime(10);
    }
  }

  it('runs a burst of requests once, after the settling delay', () => {
    for (let i = 0; i < 20; i++) task.request();
    advance(500);
    expect(runs).toEqual([100]);
  });

  it('runs at most once per interval under a steady stream of requests', () => {
    for (let ms = 0; ms < 5000; ms += 50) {
      task.request();
      advance(50);
    }
    advance(1000);
    expect(runs).toEqual([100, 1100, 2100, 3100, 4100, 5100]);
  });

  it('counts a run made some other way as the last one', () => {
    task.ran();
    task.request();
    advance(2000);
    expect(runs).toEqual([1000]);
  });

  it('runs nothing after being canceled', () => {
    task.request();
    task.cancel();
    advance(2000);
    expect(runs).toEqual([]);
  });
});
