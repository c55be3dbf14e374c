import { TIMEFRAMES, type Timeframe } from '@lilux/contracts';

const STORAGE_KEY = 'lilux.chart';

/** How the trader last set the chart up: it comes back so after a reload or a theme change. */
export interface ChartSettings {
  symbol: string;
  timeframe: Timeframe;
  /** Periods of the moving averages switched on; the chart draws those it knows. */
  averages: number[];
  /** Candles in view; the zoom a new series opens at. */
  visibleCandles: number;
}

export const DEFAULT_CHART_SETTINGS: ChartSettings = { symbol: 'BTC/USDT', timeframe: '1m', averages: [25], visibleCandles: 120 };

/** What was stored, each part checked on its own: a stale or edited entry costs only the parts that are wrong. */
export function parseChartSettings(stored: string | null): ChartSettings {
  let value: Partial<Record<keyof ChartSettings, unknown>> = {};
  try {
    const parsed: unknown = stored ? JSON.parse(stored) : {};
    if (parsed && typeof parsed === 'object') value = parsed as typeof value;
  } catch {
    // Not JSON: the defaults.
  }
  const defaults = DEFAULT_CHART_SETTINGS;
  const averages = Array.isArray(value.averages)
    ? value.averages.filter((period): period is number => Number.isInteger(period) && period > 0 && period <= 500)
    : null;
  const visible = Number(value.visibleCandles);
  return {
    symbol: typeof value.symbol === 'string' && /^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/.test(value.symbol) ? value.symbol : defaults.symbol,
    timeframe: (TIMEFRAMES as readonly unknown[]).includes(value.timeframe) ? (value.timeframe as Timeframe) : defaults.timeframe,
    averages: averages ?? defaults.averages,
    visibleCandles: Number.isInteger(visible) && visible >= 10 && visible <= 1000 ? visible : defaults.visibleCandles,
  };
}

export function readChartSettings(): ChartSettings {
  return parseChartSettings(localStorage.getItem(STORAGE_KEY));
}

export function saveChartSettings(settings: ChartSettings): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
}
