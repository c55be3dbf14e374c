import type { Candle } from '@lilux/contracts';
import { nextZoom } from './chart-zoom';

const series = (from: number, count: number): Candle[] => Array.from({ length: count }, (_, i) => [(from + i) * 60_000, 1, 1, 1, 1, 1]);

describe('nextZoom', () => {
  const shown = { key: 'BTC/USDT|1m', first: 1000 * 60_000, length: 500 };

  it('shows the latest 120 candles of a series drawn for the first time or of another series', () => {
    expect(nextZoom(null, 'BTC/USDT|1m', series(1000, 500), null)).toEqual({ startValue: 380, endValue: 499 });
    expect(nextZoom(shown, 'ETH/USDT|1m', series(0, 50), { startValue: 3, endValue: 9 })).toEqual({ startValue: 0, endValue: 49 });
  });

  it('opens another series at as many candles as the trader last had in view', () => {
    expect(nextZoom(shown, 'ETH/USDT|1m', series(0, 500), null, 60)).toEqual({ startValue: 440, endValue: 499 });
  });

  it("leaves the trader's zoom alone when the forming candle changes", () => {
    expect(nextZoom(shown, shown.key, series(1000, 500), { startValue: 100, endValue: 200 })).toBeNull();
  });

  it('shifts the window by the candles put in front, so the view stays on the same candles', () => {
    expect(nextZoom(shown, shown.key, series(0, 1500), { startValue: 0, endValue: 119 })).toEqual({ startValue: 1000, endValue: 1119 });
  });

  it('follows a new candle when the trader watches the latest, and stays put when they look back', () => {
    expect(nextZoom(shown, shown.key, series(1000, 501), { startValue: 380, endValue: 499 })).toEqual({ startValue: 381, endValue: 500 });
    expect(nextZoom(shown, shown.key, series(1000, 501), { startValue: 100, endValue: 200 })).toBeNull();
  });
});
