import type { Candle } from '@lilux/contracts';
import {
  baseChartOption,
  candleIndexAt,
  chartDataOption,
  edgeMarkers,
  equityAxisBounds,
  equityChartOption,
  LIGHT_PALETTE,
  movingAverage,
} from './chart-option';

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 24, 12, 0);
/** Closes 1, 2, 3, …; even candles rise, odd ones fall. */
const candles: Candle[] = Array.from({ length: 10 }, (_, i) => [START + i * MINUTE, i % 2 ? i + 1.5 : i + 0.5, i + 2, i, i + 1, 10 * (i + 1)]);

type Series = {
  id: string;
  data: unknown[];
  markPoint?: { data: { coord: number[]; value: string }[] };
  markLine?: { data: { yAxis: number; name: string }[] };
};
const seriesOf = (option: ReturnType<typeof chartDataOption>) => option['series'] as Series[];

describe('movingAverage', () => {
  it('averages the last closes and leaves the first candles without a value', () => {
    expect(movingAverage(candles, 3).slice(0, 5)).toEqual([null, null, 2, 3, 4]);
    expect(movingAverage(candles, 10)).toEqual([...Array(9).fill(null), 5.5]);
    expect(movingAverage(candles, 11).every((value) => value === null)).toBe(true);
  });
});

describe('candleIndexAt', () => {
  it('finds the candle whose minute holds the time, and nothing outside the chart', () => {
    expect(candleIndexAt(candles, START, '1m')).toBe(0);
    expect(candleIndexAt(candles, START + 4 * MINUTE + 59_999, '1m')).toBe(4);
    expect(candleIndexAt(candles, START + 9 * MINUTE + 30_000, '1m')).toBe(9);
    expect(candleIndexAt(candles, START - 1, '1m')).toBe(-1);
    expect(candleIndexAt(candles, START + 10 * MINUTE, '1m')).toBe(-1);
  });
});

describe('chartDataOption', () => {
  const base = { candles, timeframe: '1m' as const, averages: [], markers: [], levels: [], palette: LIGHT_PALETTE };

  it('draws candles as open, close, low, high and colours volume by the candle direction', () => {
    const [price, volume] = seriesOf(chartDataOption(base));
    expect(price.data[0]).toEqual([0.5, 1, 0, 2]);
    expect(volume.data.slice(0, 2)).toEqual([
      { value: 10, itemStyle: { color: LIGHT_PALETTE.up, opacity: 0.5 } },
      { value: 20, itemStyle: { color: LIGHT_PALETTE.down, opacity: 0.5 } },
    ]);
  });

  it('adds only the moving averages switched on', () => {
    expect(seriesOf(chartDataOption(base)).map((series) => series.id)).toEqual(['candles', 'volume']);
    expect(seriesOf(chartDataOption({ ...base, averages: [7, 99] })).map((series) => series.id)).toEqual(['candles', 'volume', 'ma7', 'ma99']);
  });

  it('pins each fill on the candle it happened in and drops fills outside the chart', () => {
    const markers = [
      { time: START + 3 * MINUTE + 10_000, price: 3.5, side: 'buy' as const, qty: '0.1' },
      { time: START + 8 * MINUTE, price: 9, side: 'sell' as const, qty: '0.1' },
      { time: START - MINUTE, price: 1, side: 'buy' as const, qty: '1' },
    ];
    const [price] = seriesOf(chartDataOption({ ...base, markers }));
    expect(price.markPoint?.data.map(({ coord, value }) => ({ coord, value }))).toEqual([
      { coord: [3, 3.5], value: 'B' },
      { coord: [8, 9], value: 'S' },
    ]);
  });

  it('draws a line at every order level with its label', () => {
    const levels = [
      { price: 4.25, kind: 'limit-buy' as const, label: 'Buy 1 @ 4.25' },
      { price: 3, kind: 'stop-loss' as const, label: 'SL 3' },
    ];
    const [price] = seriesOf(chartDataOption({ ...base, levels }));
    expect(price.markLine?.data.map(({ yAxis, name }) => ({ yAxis, name }))).toEqual([
      { yAxis: 4.25, name: 'Buy 1 @ 4.25' },
      { yAxis: 3, name: 'SL 3' },
      { yAxis: 10, name: 'Last' },
    ]);
  });

  it("tags the last price on the axis in the forming candle's colour", () => {
    const [price] = seriesOf(chartDataOption({ ...base, levels: [] })) as (Series & { markLine: { data: { label: { backgroundColor: string } }[] } })[];
    // The last candle of the fixture opens at 10.5 and closes at 10: falling.
    expect(price.markLine.data).toEqual([
      expect.objectContaining({ name: 'Last', yAxis: 10, label: expect.objectContaining({ backgroundColor: LIGHT_PALETTE.down }) }),
    ]);
  });

  it('fits the price axis to the candles in view, with 2 % to spare, on round numbers, whatever the order lines', () => {
    const levels = [{ price: 50, kind: 'take-profit' as const, label: 'TP 50' }];
    const [priceAxis] = chartDataOption({ ...base, levels })['yAxis'] as { min: number; max: number }[];
    expect([priceAxis.min, priceAxis.max]).toEqual([-1, 12]);
    // Candles 6 to 9 only: lows 6 to 9, highs 8 to 11.
    const [zoomed] = chartDataOption({ ...base, view: { startValue: 6, endValue: 9 } })['yAxis'] as { min: number; max: number }[];
    expect([zoomed.min, zoomed.max]).toEqual([5.9, 11.1]);
  });

  it('draws an order line beyond the axis as a marker at that edge, with its price, and the others as lines', () => {
    const levels = [
      { price: 50, kind: 'take-profit' as const, label: 'TP 0.01 @ 50' },
      { price: 5, kind: 'limit-buy' as const, label: 'Buy 0.01 @ 5' },
      { price: -20, kind: 'stop-loss' as const, label: 'SL 0.01 @ -20' },
    ];
    const [price] = seriesOf(chartDataOption({ ...base, levels })) as (Series & {
      markLine: { data: { name: string; yAxis: number; label: { formatter: string } }[] };
    })[];
    const lines = price.markLine.data.map(({ name, yAxis, label }) => [name, yAxis, label.formatter]);
    expect(lines).toEqual([
      ['Buy 0.01 @ 5', 5, 'Buy 0.01 @ 5'],
      ['top edge', 12, '▲ TP 0.01 @ 50'],
      ['bottom edge', -1, '▼ SL 0.01 @ -20'],
      ['Last', 10, '10'],
    ]);
  });

  it('labels the price axis at its round ticks only, not at the padded bounds beside them', () => {
    const [priceAxis] = chartDataOption(base)['yAxis'] as { axisLabel?: { showMinLabel?: boolean; showMaxLabel?: boolean } }[];
    expect(priceAxis.axisLabel).toEqual(expect.objectContaining({ showMinLabel: false, showMaxLabel: false }));
  });

  it("writes the price and equity axes' labels in the page's locale, as the chart's other figures", () => {
    const [priceAxis] = baseChartOption(LIGHT_PALETTE)['yAxis'] as { axisLabel: { formatter?: (value: number) => string } }[];
    const { yAxis: equityAxis } = equityChartOption([], LIGHT_PALETTE) as { yAxis: { axisLabel: { formatter?: (value: number) => string } } };
    for (const formatter of [priceAxis.axisLabel.formatter, equityAxis.axisLabel.formatter]) expect(formatter?.(99_500.5)).toBe((99_500.5).toLocaleString());
  });
});

describe('equityAxisBounds', () => {
  it('keeps a tenth of the spread either side of a moving curve', () => {
    expect(equityAxisBounds({ min: 9_000, max: 11_000 })).toEqual({ min: 8_800, max: 11_200 });
  });

  it('gives a flat curve a narrow band around its value', () => {
    expect(equityAxisBounds({ min: 10_000, max: 10_000 })).toEqual({ min: 9_990, max: 10_010 });
  });

  it('still gives an empty account a band to draw in', () => {
    expect(equityAxisBounds({ min: 0, max: 0 })).toEqual({ min: -0.01, max: 0.01 });
  });
});

describe('equityChartOption', () => {
  /** A new account: opened, then valued three seconds later. */
  const newAccount = [
    { time: '2026-11-26T05:08:40.000Z', equity: '10000' },
    { time: '2026-11-26T05:08:43.000Z', equity: '10000' },
  ];

  it('never labels the time axis in milliseconds, even over the few seconds of a new account', () => {
    const { xAxis } = equityChartOption(newAccount, LIGHT_PALETTE) as { xAxis: { minInterval?: number; axisLabel: { formatter?: Record<string, string> } } };
    expect(xAxis.minInterval).toBeGreaterThanOrEqual(1000);
    // A level left out falls back to ECharts' own template, which for milliseconds is '{HH}:{mm}:{ss} {SSS}'.
    const formatter = xAxis.axisLabel.formatter ?? {};
    const levelsWithMilliseconds = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond'].filter(
      (level) => typeof formatter[level] !== 'string' || /\{S/.test(formatter[level]),
    );
    expect(levelsWithMilliseconds).toEqual([]);
  });

  it('labels the equity axis at its round ticks only, not at the padded bounds beside them', () => {
    const { yAxis } = equityChartOption(newAccount, LIGHT_PALETTE) as { yAxis: { axisLabel: { showMinLabel?: boolean; showMaxLabel?: boolean } } };
    expect(yAxis.axisLabel).toEqual(expect.objectContaining({ showMinLabel: false, showMaxLabel: false }));
  });

  it('steps at each point instead of sloping between them, and leaves out time labels that would overlap', () => {
    const { series, xAxis } = equityChartOption(newAccount, LIGHT_PALETTE) as { series: { step?: string }[]; xAxis: { axisLabel: { hideOverlap?: boolean } } };
    expect(series[0].step).toBe('end');
    expect(xAxis.axisLabel.hideOverlap).toBe(true);
  });
});

describe('edgeMarkers', () => {
  it('keeps the lines inside the range and puts the others at the edge they lie beyond, nearest first', () => {
    const levels = [{ price: 30 }, { price: 15 }, { price: 12 }, { price: -3 }];
    expect(edgeMarkers(levels, { min: 0, max: 14 })).toEqual({
      inView: [{ price: 12 }],
      edges: [
        { level: { price: 15 }, edge: 'top' },
        { level: { price: 30 }, edge: 'top' },
        { level: { price: -3 }, edge: 'bottom' },
      ],
    });
  });
});
