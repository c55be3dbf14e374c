/**
 * The recent prices of one symbol, as long as the longest window of its `moves` alerts plus one older tick: the
 * price a window started at is the last tick at or before its start.
 */
export class RecentTicks {
  private times: number[] = [];
  private prices: number[] = [];
  /** Ticks before this one are no window's start any more; they are cut off in bulk, not one shift at a time. */
  private start = 0;

  record(at: number, price: number, keepMs: number): void {
    this.times.push(at);
    this.prices.push(price);
    while (this.start + 1 < this.times.length && this.times[this.start + 1] <= at - keepMs) this.start += 1;
    if (this.start > 1024 && this.start * 2 > this.times.length) {
      this.times = this.times.slice(this.start);
      this.prices = this.prices.slice(this.start);
      this.start = 0;
    }
  }

  /**
   * The price at `time`: the last tick at or before it, or the oldest tick known when none is that old (a move
   * since then happened within the window too).
   */
  priceAt(time: number): number | undefined {
    if (this.times.length === this.start) return undefined;
    let low = this.start;
    let high = this.times.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.times[middle] <= time) low = middle + 1;
      else high = middle;
    }
    return this.prices[Math.max(low - 1, this.start)];
  }
}
