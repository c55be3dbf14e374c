import type { Candle } from '@lilux/contracts';

/** Candles shown when a symbol or timeframe is first drawn; the trader zooms out or pans for more. */
export const INITIAL_VISIBLE = 120;

/** The visible candles, as indexes into the series. */
export interface ZoomWindow {
  startValue: number;
  endValue: number;
}

/** What the chart last drew: which series, from which candle, how many. */
export interface ShownSeries {
  key: string;
  first: number;
  length: number;
}

/**
 * The zoom window to set with new data, or null to leave the trader's as it is. Another series starts at its
 * latest `initialVisible` candles; older candles put in front shift the window by as many, so the view does not jump; a new
 * candle keeps a trader who watches the latest one on the latest one.
 */
export function nextZoom(
  shown: ShownSeries | null,
  key: string,
  candles: readonly Candle[],
  current: ZoomWindow | null,
  initialVisible = INITIAL_VISIBLE,
): ZoomWindow | null {
  const last = candles.length - 1;
  if (!shown || shown.key !== key) return { startValue: Math.max(0, last - initialVisible + 1), endValue: last };
  if (!current || candles.length === shown.length) return null;
  const prepended = candles[0][0] < shown.first ? candles.findIndex(([time]) => time === shown.first) : 0;
  if (prepended > 0) return { startValue: current.startValue + prepended, endValue: current.endValue + prepended };
  const added = candles.length - shown.length;
  return current.endValue >= shown.length - 1 ? { startValue: current.startValue + added, endValue: last } : null;
}
