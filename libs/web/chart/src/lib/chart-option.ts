import type { Candle, EquityPoint, OrderSide, Timeframe } from '@lilux/contracts';
import { TIMEFRAME_MS } from '@lilux/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import type { ZoomWindow } from './chart-zoom';

/** Moving averages of the close the trader can switch on, in candles. */
export const MOVING_AVERAGE_PERIODS = [7, 25, 99] as const;
export type MovingAveragePeriod = (typeof MOVING_AVERAGE_PERIODS)[number];

/** One of the user's fills, drawn as an arrow on the candle it happened in. */
export interface FillMarker {
  time: number;
  price: number;
  side: OrderSide;
  qty: string;
}

export type LevelKind = 'limit-buy' | 'limit-sell' | 'stop-loss' | 'take-profit';

/** A price line across the chart: an open limit order, or an armed stop-loss / take-profit. */
export interface PriceLevel {
  price: number;
  kind: LevelKind;
  label: string;
}

export interface ChartPalette {
  up: string;
  down: string;
  text: string;
  grid: string;
  averages: Record<MovingAveragePeriod, string>;
  levels: Record<LevelKind, string>;
}

export const LIGHT_PALETTE: ChartPalette = {
  up: '#26a69a',
  down: '#ef5350',
  text: '#49454f',
  grid: '#e3e3e8',
  averages: { 7: '#f5a623', 25: '#7e57c2', 99: '#1e88e5' },
  levels: { 'limit-buy': '#26a69a', 'limit-sell': '#ef5350', 'stop-loss': '#d32f2f', 'take-profit': '#2e7d32' },
};

export const DARK_PALETTE: ChartPalette = {
  ...LIGHT_PALETTE,
  text: '#c9c5d0',
  grid: '#34333a',
  levels: { 'limit-buy': '#4db6ac', 'limit-sell': '#ef9a9a', 'stop-loss': '#ff7961', 'take-profit': '#81c784' },
};

export interface ChartData {
  candles: readonly Candle[];
  timeframe: Timeframe;
  averages: readonly MovingAveragePeriod[];
  markers: readonly FillMarker[];
  levels: readonly PriceLevel[];
  palette: ChartPalette;
  /** The candles in view; all of them when not given. */
  view?: ZoomWindow | null;
}

interface AxisExtent {
  min: number;
  max: number;
}

/** The prices the price axis spans. */
export type PriceRange = AxisExtent;

/** A price line outside the axis, drawn at the edge it lies beyond. */
export interface EdgeMarker<T> {
  level: T;
  edge: 'top' | 'bottom';
}

/**
 * Which price lines the axis shows and which lie beyond it: a line far from the price (a limit, a stop-loss, an
 * alert) must not stretch the axis and squash the candles, so it is drawn at the edge instead, nearest first.
 */
export function edgeMarkers<T extends { price: number }>(levels: readonly T[], range: PriceRange): { inView: T[]; edges: EdgeMarker<T>[] } {
  const inView = levels.filter((level) => level.price >= range.min && level.price <= range.max);
  const above = levels.filter((level) => level.price > range.max).sort((a, b) => a.price - b.price);
  const below = levels.filter((level) => level.price < range.min).sort((a, b) => b.price - a.price);
  return {
    inView,
    edges: [...above.map((level) => ({ level, edge: 'top' as const })), ...below.map((level) => ({ level, edge: 'bottom' as const }))],
  };
}

/** The price axis's range: the lows and highs of the candles in view, a little wider, on round numbers. */
export function visiblePriceRange(candles: readonly Candle[], view?: ZoomWindow | null): PriceRange | null {
  const start = Math.max(0, view?.startValue ?? 0);
  const end = Math.min(candles.length - 1, view?.endValue ?? candles.length - 1);
  if (end < start) return null;
  let [min, max] = [Infinity, -Infinity];
  for (let i = start; i <= end; i++) {
    min = Math.min(min, candles[i][3]);
    max = Math.max(max, candles[i][2]);
  }
  return paddedRange({ min, max });
}

const PRICE_GRID = { left: 12, right: 72, top: 16, bottom: 120 };
const VOLUME_GRID = { left: 12, right: 72, height: 64, bottom: 48 };

/** The arithmetic mean of the last `period` closes at each candle; null until there are enough. */
export function movingAverage(candles: readonly Candle[], period: number): (number | null)[] {
  const averages: (number | null)[] = [];
  let sum = 0;
  candles.forEach((candle, i) => {
    sum += candle[4];
    if (i >= period) sum -= candles[i - period][4];
    averages.push(i >= period - 1 ? sum / period : null);
  });
  return averages;
}

/** Index of the candle whose period contains `time`, or -1 when the chart does not show that time. */
export function candleIndexAt(candles: readonly Candle[], time: number, timeframe: Timeframe): number {
  let low = 0;
  let high = candles.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const open = candles[middle][0];
    if (time < open) high = middle - 1;
    else if (time >= open + TIMEFRAME_MS[timeframe]) low = middle + 1;
    else return middle;
  }
  return -1;
}

/** What does not change with the data: axes, grids, zoom, crosshair. */
export function baseChartOption(palette: ChartPalette): EChartsCoreOption {
  const axisLabel = { color: palette.text };
  const splitLine = { lineStyle: { color: palette.grid } };
  return {
    animation: false,
    grid: [PRICE_GRID, VOLUME_GRID],
    xAxis: [
      {
        type: 'category',
        gridIndex: 0,
        boundaryGap: true,
        axisLabel: { show: false },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: palette.grid } },
      },
      { type: 'category', gridIndex: 1, boundaryGap: true, axisLabel, axisLine: { lineStyle: { color: palette.grid } } },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, scale: true, position: 'right', axisLabel: { ...axisLabel, formatter: localeNumber }, splitLine },
      { type: 'value', gridIndex: 1, scale: true, position: 'right', splitNumber: 2, axisLabel: { show: false }, splitLine: { show: false } },
    ],
    axisPointer: { link: [{ xAxisIndex: 'all' }], label: { backgroundColor: '#555' } },
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1] },
      { type: 'slider', xAxisIndex: [0, 1], bottom: 8, height: 24, textStyle: { color: palette.text }, borderColor: palette.grid },
    ],
  };
}

/** The data: candles, volume, the averages switched on, fill markers and price lines. */
export function chartDataOption({ candles, timeframe, averages, markers, levels, palette, view }: ChartData): EChartsCoreOption {
  const labels = candles.map(([time]) => formatCandleTime(time, timeframe));
  const markerPoints = markers
    .map((marker) => ({ marker, index: candleIndexAt(candles, marker.time, timeframe) }))
    .filter(({ index }) => index >= 0)
    .map(({ marker, index }) => ({
      name: `${marker.side} ${marker.qty}`,
      coord: [index, marker.price],
      value: marker.side === 'buy' ? 'B' : 'S',
      symbol: 'pin',
      symbolSize: 34,
      symbolRotate: marker.side === 'buy' ? 180 : 0,
      symbolOffset: [0, marker.side === 'buy' ? 18 : -18],
      itemStyle: { color: marker.side === 'buy' ? palette.up : palette.down },
      label: { color: '#fff', fontWeight: 'bold', offset: [0, marker.side === 'buy' ? 4 : 0] },
    }));
  const range = visiblePriceRange(candles, view);
  const { inView, edges } = range ? edgeMarkers(levels, range) : { inView: levels, edges: [] };
  const priceLines = inView.map((level) => ({
    name: level.label,
    yAxis: level.price,
    lineStyle: { color: palette.levels[level.kind], type: level.kind === 'stop-loss' || level.kind === 'take-profit' ? 'dashed' : 'solid', width: 1.5 },
    label: { formatter: level.label, position: 'insideStartTop', color: palette.levels[level.kind] },
  }));
  // The last price as a tag on the price axis, in the colour of the forming candle, as trading screens show it.
  const forming = candles[candles.length - 1];
  const lastPriceLine = forming
    ? [
        {
          name: 'Last',
          yAxis: forming[4],
          lineStyle: { color: forming[4] >= forming[1] ? palette.up : palette.down, type: 'dotted', width: 1 },
          label: {
            formatter: forming[4].toLocaleString(undefined, { maximumFractionDigits: 8 }),
            position: 'end',
            color: '#fff',
            backgroundColor: forming[4] >= forming[1] ? palette.up : palette.down,
            padding: [2, 4],
            borderRadius: 2,
          },
        },
      ]
    : [];
  const edgeLines = (['top', 'bottom'] as const).flatMap((edge) => {
    const beyond = edges.filter((marker) => marker.edge === edge).map((marker) => marker.level);
    if (!range || beyond.length === 0) return [];
    const arrow = edge === 'top' ? '▲' : '▼';
    return [
      {
        name: `${edge} edge`,
        yAxis: edge === 'top' ? range.max : range.min,
        lineStyle: { color: palette.levels[beyond[0].kind], type: 'dashed', width: 2 },
        label: {
          formatter: beyond.map((level) => `${arrow} ${level.label}`).join('   '),
          position: edge === 'top' ? 'insideStartBottom' : 'insideStartTop',
          color: palette.levels[beyond[0].kind],
        },
      },
    ];
  });
  return {
    xAxis: [{ data: labels }, { data: labels }],
    // The axis fits the candles in view; order lines beyond it are drawn at its edges (see edgeMarkers). Its
    // bounds are rarely on the interval ECharts picks for its ticks, and it labels them anyway, a few pixels from
    // the nearest tick ('100,600' on '100,590'): only the round ticks are labelled.
    yAxis: [{ min: range?.min, max: range?.max, axisLabel: { showMinLabel: false, showMaxLabel: false } }, {}],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'cross' },
      formatter: (params: { dataIndex: number }[]) => describeCandle(candles[params[0]?.dataIndex], labels[params[0]?.dataIndex]),
    },
    series: [
      {
        id: 'candles',
        name: 'Price',
        type: 'candlestick',
        data: candles.map(([, open, high, low, close]) => [open, close, low, high]),
        itemStyle: { color: palette.up, color0: palette.down, borderColor: palette.up, borderColor0: palette.down },
        markPoint: { data: markerPoints, animation: false },
        markLine: { symbol: 'none', silent: true, animation: false, data: [...priceLines, ...edgeLines, ...lastPriceLine] },
      },
      {
        id: 'volume',
        name: 'Volume',
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: candles.map(([, open, , , close, volume]) => ({ value: volume, itemStyle: { color: close >= open ? palette.up : palette.down, opacity: 0.5 } })),
      },
      ...averages.map((period) => ({
        id: `ma${period}`,
        name: `MA ${period}`,
        type: 'line',
        data: movingAverage(candles, period),
        showSymbol: false,
        smooth: false,
        lineStyle: { width: 1.2, color: palette.averages[period] },
        itemStyle: { color: palette.averages[period] },
      })),
    ],
  };
}

/** The extent 2 % wider, on round numbers (a tenth of the span's magnitude). */
function paddedRange({ min: low, max: high }: AxisExtent): AxisExtent {
  const span = high - low || Math.abs(high) || 1;
  const magnitude = Math.floor(Math.log10(span)) - 1;
  const step = 10 ** magnitude;
  // Rounded to the step's decimals: 111 × 0.1 is 11.100000000000001 in binary, an axis bound no one wants to read.
  const onStep = (steps: number) => Number((steps * step).toFixed(Math.max(0, -magnitude)));
  return { min: onStep(Math.floor((low - span * 0.02) / step)), max: onStep(Math.ceil((high + span * 0.02) / step)) };
}

export function formatCandleTime(time: number, timeframe: Timeframe): string {
  const date = new Date(time);
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return timeframe === '1d' ? day : `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function describeCandle(candle: Candle | undefined, label: string | undefined): string {
  if (!candle) return '';
  const [, open, high, low, close, volume] = candle;
  const rows = [
    ['O', open],
    ['H', high],
    ['L', low],
    ['C', close],
    ['V', volume],
  ]
    .map(
      ([name, value]) =>
        `<span style="display:inline-block;width:14px;opacity:.7">${name}</span>${(value as number).toLocaleString(undefined, { maximumFractionDigits: 8 })}`,
    )
    .join('<br>');
  return `<b>${label}</b><br>${rows}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The equity axis around the curve's values: a tenth of their spread either side, and at least 0.1 % of the
 * value, so that a flat curve (a new account) sits mid-chart instead of on an axis from 4,000 to 16,000.
 */
export function equityAxisBounds({ min, max }: { min: number; max: number }): { min: number; max: number } {
  const padding = Math.max((max - min) / 10, Math.abs(max) / 1000, 0.01);
  return { min: min - padding, max: max + padding };
}

/**
 * Time-axis labels for every tick level ECharts picks. Its own template for sub-second ticks is
 * '{HH}:{mm}:{ss} {SSS}', which labelled a new account's few seconds "05:08:42 550"; no level here shows
 * milliseconds, and the axis's one-second minInterval keeps ticks from landing between seconds.
 */
const TIME_AXIS_LABELS = {
  year: '{yyyy}',
  month: '{MMM}',
  day: '{d}',
  hour: '{HH}:{mm}',
  minute: '{HH}:{mm}',
  second: '{HH}:{mm}:{ss}',
  millisecond: '{HH}:{mm}:{ss}',
};

/** A value axis's label in the page's locale, as the chart's other figures ('100 000' in French, not '100,000'). */
function localeNumber(value: number): string {
  return value.toLocaleString(undefined, { maximumFractionDigits: 8 });
}

/** The account's value over time: a line on a time axis, its value axis framed by `equityAxisBounds`. */
export function equityChartOption(points: readonly EquityPoint[], palette: ChartPalette): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 8, right: 64, top: 12, bottom: 24 },
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${value.toLocaleString(undefined, { maximumFractionDigits: 2 })} USDT` },
    xAxis: {
      type: 'time',
      minInterval: 1000,
      // A few seconds of a new account give a tick a second: labels that would overlap are left out.
      axisLabel: { color: palette.text, formatter: TIME_AXIS_LABELS, hideOverlap: true },
      axisLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: {
      type: 'value',
      position: 'right',
      min: (extent: AxisExtent) => equityAxisBounds(extent).min,
      max: (extent: AxisExtent) => equityAxisBounds(extent).max,
      // The padded bounds are off the tick interval ('9,988.6968…' beside '9,990'): label the round ticks only.
      axisLabel: { color: palette.text, showMinLabel: false, showMaxLabel: false, formatter: localeNumber },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: [
      {
        type: 'line',
        name: 'Equity',
        // A new account has a single point, which a line without symbols would not show.
        showSymbol: points.length < 3,
        // Equity changes at a fill, all at once: the line holds its level until the next point, then steps.
        step: 'end',
        areaStyle: { opacity: 0.12 },
        lineStyle: { width: 1.5 },
        data: points.map((point) => [Date.parse(point.time), Number(point.equity)]),
      },
    ],
  };
}
