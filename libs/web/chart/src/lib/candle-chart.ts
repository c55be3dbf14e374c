import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal, untracked } from '@angular/core';
import type { Candle, Timeframe } from '@lilux/contracts';
import type { ECharts } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import {
  baseChartOption,
  candleIndexAt,
  chartDataOption,
  DARK_PALETTE,
  edgeMarkers,
  FillMarker,
  LIGHT_PALETTE,
  MovingAveragePeriod,
  PriceLevel,
  visiblePriceRange,
} from './chart-option';
import { INITIAL_VISIBLE, nextZoom, ShownSeries, ZoomWindow } from './chart-zoom';

/** Performance marks: the page marks when candles arrive, the chart measures until they are drawn. */
export const CHART_MARKS = { candlesReceived: 'lx-candles-received', drawn: 'lx-chart-drawn' } as const;

/**
 * Candlestick chart with volume, moving averages, fill markers and order lines. The data is merged into the
 * chart rather than replacing its options, so live ticks keep the trader's zoom; history loaded on the left
 * shifts the zoom window by as many candles, so the view does not jump.
 */
@Component({
  selector: 'lx-candle-chart',
  imports: [NgxEchartsDirective],
  template: `<div
    echarts
    class="chart"
    [options]="baseOption()"
    (chartInit)="chart.set($event)"
    (chartDataZoom)="onZoom()"
    (chartFinished)="onFinished()"
  ></div>`,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .chart {
      width: 100%;
      height: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'img',
    '[attr.aria-label]': 'description()',
    '[attr.data-drawn-candles]': 'drawnCandles()',
    '[attr.data-fill-markers]': 'drawnMarkers()',
    '[attr.data-levels]': 'drawnLevels()',
    '[attr.data-price-range]': 'drawnRange()',
    '[attr.data-edge-markers]': 'drawnEdges()',
  },
})
export class CandleChart {
  readonly candles = input.required<readonly Candle[]>();
  readonly timeframe = input.required<Timeframe>();
  /** Changes when the series is another one (symbol, timeframe): the zoom starts over. */
  readonly seriesKey = input.required<string>();
  readonly averages = input<readonly MovingAveragePeriod[]>([]);
  readonly markers = input<readonly FillMarker[]>([]);
  readonly levels = input<readonly PriceLevel[]>([]);
  readonly dark = input(false);
  /** What a screen reader says of the chart, in the console's language. */
  readonly description = input.required<string>();
  /** Candles in view when a series is first drawn. */
  readonly visibleCandles = input(INITIAL_VISIBLE);
  /** The trader has panned to the oldest candle shown: time to load older ones. */
  readonly reachedStart = output<void>();
  /** The trader zoomed: this many candles are in view now. */
  readonly visibleCandlesChange = output<number>();

  protected readonly chart = signal<ECharts | null>(null);
  protected readonly drawnCandles = signal(0);
  protected readonly drawnMarkers = signal(0);
  protected readonly drawnLevels = signal('');
  /** The price axis drawn, `min..max`, and the order lines beyond it drawn at its edges. */
  protected readonly drawnRange = signal('');
  protected readonly drawnEdges = signal('');
  /** Bumped when the trader zooms or pans: the price axis fits the candles now in view. */
  private readonly zoomed = signal(0);
  private readonly palette = computed(() => (this.dark() ? DARK_PALETTE : LIGHT_PALETTE));
  protected readonly baseOption = computed(() => baseChartOption(this.palette()));

  private shown: ShownSeries | null = null;
  /** The window last set or chosen: a theme change resets the chart's options, not what the trader looks at. */
  private lastZoom: ZoomWindow | null = null;
  private drawnPalette = this.palette();
  private measurePending = false;
  private pendingCounts = { candles: 0, markers: 0, levels: '', range: '', edges: '' };

  constructor() {
    effect(() => {
      this.zoomed();
      const chart = this.chart();
      const candles = this.candles();
      const key = this.seriesKey();
      const data = (view: ZoomWindow | null) =>
        chartDataOption({
          candles,
          timeframe: this.timeframe(),
          averages: this.averages(),
          markers: this.markers(),
          levels: this.levels(),
          palette: this.palette(),
          view,
        });
      if (!chart) return;
      if (candles.length === 0) {
        // Nothing drawn yet: the first candles to come start the zoom afresh.
        chart.setOption(data(null), { replaceMerge: ['series'] });
        this.shown = null;
        return;
      }
      const current = this.zoomWindow(chart);
      const isNewTheme = this.drawnPalette !== this.palette();
      this.drawnPalette = this.palette();
      const zoom = nextZoom(this.shown, key, candles, current, untracked(this.visibleCandles)) ?? (isNewTheme ? (current ?? this.lastZoom) : null);
      if (this.shown?.key !== key) this.measurePending = true;
      const view = zoom ?? current;
      chart.setOption(zoom ? { ...data(view), dataZoom: [zoom, zoom] } : data(view), { replaceMerge: ['series'] });
      if (zoom) this.lastZoom = zoom;
      this.shown = { key, first: candles[0]?.[0] ?? 0, length: candles.length };
      this.pendingCounts = {
        candles: candles.length,
        markers: this.markers().filter((marker) => candleIndexAt(candles, marker.time, this.timeframe()) >= 0).length,
        levels: this.levels()
          .map((level) => level.label)
          .join('|'),
        ...this.drawnAxis(candles, view),
      };
    });
  }

  protected onZoom(): void {
    const window = this.zoomWindow(this.chart());
    if (!window) return;
    this.lastZoom = window;
    this.zoomed.update((count) => count + 1);
    this.visibleCandlesChange.emit(window.endValue - window.startValue + 1);
    if (window.startValue <= 0 && (this.shown?.length ?? 0) > 0) this.reachedStart.emit();
  }

  protected onFinished(): void {
    if (this.measurePending && performance.getEntriesByName(CHART_MARKS.candlesReceived, 'mark').length > 0) {
      performance.measure(CHART_MARKS.drawn, CHART_MARKS.candlesReceived);
      performance.clearMarks(CHART_MARKS.candlesReceived);
    }
    this.measurePending = false;
    this.drawnCandles.set(this.pendingCounts.candles);
    this.drawnMarkers.set(this.pendingCounts.markers);
    this.drawnLevels.set(this.pendingCounts.levels);
    this.drawnRange.set(this.pendingCounts.range);
    this.drawnEdges.set(this.pendingCounts.edges);
  }

  private drawnAxis(candles: readonly Candle[], view: ZoomWindow | null): { range: string; edges: string } {
    const range = visiblePriceRange(candles, view);
    if (!range) return { range: '', edges: '' };
    const { edges } = edgeMarkers(this.levels(), range);
    return { range: `${range.min}..${range.max}`, edges: edges.map((marker) => `${marker.edge}: ${marker.level.label}`).join('|') };
  }

  private zoomWindow(chart: ECharts | null): ZoomWindow | null {
    const zoom = (chart?.getOption() as { dataZoom?: Partial<ZoomWindow>[] } | undefined)?.dataZoom?.[0];
    return zoom && typeof zoom.startValue === 'number' && typeof zoom.endValue === 'number' ? { startValue: zoom.startValue, endValue: zoom.endValue } : null;
  }
}
