import { BAR_FIELDS, MinuteBars } from './price-path';

/**
 * Writes at bar `outBar` of `out` the bar that spans `barCount` bars of `bars` from `firstBar`: the first open,
 * the highest high, the lowest low, the last close and the summed volume. Bars are integer units, so the sums
 * are exact: an hour aggregated from its minutes and a day from its hours give the day of its minutes.
 */
export function aggregateBars(bars: MinuteBars, firstBar: number, barCount: number, out: Float64Array, outBar: number): void {
  const first = firstBar * BAR_FIELDS;
  let high = bars[first + 2];
  let low = bars[first + 3];
  let volume = 0;
  for (let b = 0; b < barCount; b++) {
    const at = first + b * BAR_FIELDS;
    if (bars[at + 2] > high) high = bars[at + 2];
    if (bars[at + 3] < low) low = bars[at + 3];
    volume += bars[at + 5];
  }
  const to = outBar * BAR_FIELDS;
  out[to] = bars[first];
  out[to + 1] = bars[first + 1];
  out[to + 2] = high;
  out[to + 3] = low;
  out[to + 4] = bars[first + (barCount - 1) * BAR_FIELDS + 4];
  out[to + 5] = volume;
}
