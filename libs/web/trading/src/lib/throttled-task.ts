/**
 * Runs a task at most once per interval however often it is asked for: a burst of requests becomes one run, at
 * the end of a short settling delay or when the interval since the last run is over, whichever is later.
 */
export class ThrottledTask {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastRun = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly task: () => unknown,
    /** Looked up at each request: an exchange account is asked less often than a paper one. */
    private readonly intervalMs: () => number,
    /** Events of one change (an order and its fill) arrive a few milliseconds apart. */
    private readonly settleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  request(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(this.settleMs, this.lastRun + this.intervalMs() - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastRun = this.now();
      this.task();
    }, wait);
  }

  /** A run that happened some other way (a full refresh) counts as the last one. */
  ran(): void {
    this.cancel();
    this.lastRun = this.now();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
