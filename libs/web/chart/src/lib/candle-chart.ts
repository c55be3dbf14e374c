import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal, untracked } from '@angular/core';
import { AlertLevel, PlacedAlertLine, placeAlertLines } from './alert-lines';
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

/** How long a finger stays still on the chart before it asks for the price menu, and how far it may wander meanwhile. */
const LONG_PRESS_MS = 550;
const LONG_PRESS_SLOP_PX = 8;
/** A line moved less than this was clicked, not dragged. */
const DRAG_SLOP_PX = 2;

/** Performance marks: the page marks when candles arrive, the chart measures until they are drawn. */
export const CHART_MARKS = { candlesReceived: 'lx-candles-received', drawn: 'lx-chart-drawn' } as const;

/**
 * Candlestick chart with volume, moving averages, fill markers, order lines and draggable alert lines. The data is merged into the
 * chart rather than replacing its options, so live ticks keep the trader's zoom; history loaded on the left
 * shifts the zoom window by as many candles, so the view does not jump.
 */
@Component({
  selector: 'lx-candle-chart',
  imports: [NgxEchartsDirective],
  template: `<div
      echarts
      class="chart"
      role="img"
      [attr.aria-label]="description()"
      [options]="baseOption()"
      (chartInit)="chart.set($event)"
      (chartDataZoom)="onZoom()"
      (chartFinished)="onFinished()"
      (contextmenu)="onContextMenu($event)"
      (pointerdown)="startLongPress($event)"
      (pointermove)="moveLongPress($event)"
      (pointerup)="endLongPress()"
      (pointercancel)="endLongPress()"
    ></div>
    @for (line of alertLines(); track line.level.id) {
      <div
        class="alert-line"
        [class.alert-line--dragged]="dragging()?.id === line.level.id"
        [style.top.px]="dragging()?.id === line.level.id ? dragging()!.y : line.y"
        [style.left.px]="gridSides().left"
        [style.right.px]="gridSides().right"
      >
        <button
          type="button"
          class="alert-line__handle"
          data-testid="alert-line"
          [attr.data-price]="line.level.price"
          [attr.aria-label]="line.level.label"
          [attr.aria-keyshortcuts]="alertsMovable() ? 'ArrowUp ArrowDown Enter Escape' : null"
          [class.alert-line__handle--fixed]="!alertsMovable()"
          (pointerdown)="startDrag($event, line)"
          (pointermove)="drag($event)"
          (pointerup)="drop()"
          (lostpointercapture)="drop()"
          (keydown)="nudge($event, line)"
          (blur)="dragging.set(null)"
        >
          <svg class="bell-glyph" viewBox="0 0 24 24" width="12" height="12" aria-hidden="true" focusable="false">
            <path
              fill="currentColor"
              d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6v-5c0-3.07-1.64-5.64-4.5-6.32V4a1.5 1.5 0 0 0-3 0v.68C7.63 5.36 6 7.92 6 11v5l-2 2v1h16v-1l-2-2z"
            />
          </svg>
          @if (line.edge) {
            <span aria-hidden="true">{{ line.edge === 'top' ? '↑' : '↓' }}</span>
          }
          {{ dragging()?.id === line.level.id ? priceText()(priceAt(dragging()!.y)) : line.level.label }}
        </button>
      </div>
    }`,
  styles: `
    :host {
      display: block;
      position: relative;
    }
    .chart {
      width: 100%;
      height: 100%;
    }
    /* Dashed, with a bell: told apart from the solid order lines at a glance. */
    .alert-line {
      position: absolute;
      height: 0;
      border-top: 1.5px dashed var(--lx-alert-line, #b26a00);
      pointer-events: none;
    }
    .alert-line__handle {
      position: absolute;
      right: 0;
      transform: translateY(-50%);
      pointer-events: auto;
      cursor: ns-resize;
      touch-action: none;
      border: 1px solid var(--lx-alert-line, #b26a00);
      border-radius: 4px;
      padding: 1px 6px;
      font: var(--mat-sys-label-small);
      background: var(--mat-sys-surface, #fff);
      color: var(--mat-sys-on-surface, #1b1b1f);
      white-space: nowrap;
      display: inline-flex;
      align-items: center;
      gap: 2px;
    }
    .alert-line__handle--fixed {
      cursor: default;
    }
    .alert-line--dragged .alert-line__handle {
      background: var(--mat-sys-secondary-container, #e8def8);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
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
  /** The user's price alerts on this market, drawn over the chart and draggable to a new level. */
  readonly alertLevels = input<readonly AlertLevel[]>([]);
  /** Whether the alert lines can be dragged (a viewer's cannot). */
  readonly alertsMovable = input(true);
  /** A price as the dragged alert line shows it while it moves. */
  readonly priceText = input<(price: number) => string>((price) => price.toLocaleString());
  /** An alert line was dropped at a new price (the drop is a wish: the line stays where `alertLevels` says). */
  readonly alertMoved = output<{ id: string; price: number }>();
  /** Right click or long press on the price area: the price there, and where (in the chart's pixels) to offer a menu. */
  readonly priceMenu = output<{ price: number; x: number; y: number }>();

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

  protected readonly alertLines = signal<PlacedAlertLine[]>([]);
  protected readonly gridSides = signal({ left: 0, right: 0, top: 0, bottom: 0 });
  /** The alert line being dragged or moved with the keys, and where it is now. */
  protected readonly dragging = signal<{ id: string; y: number; startY: number; fromY: number; pointerId: number | null } | null>(null);
  private longPress: { timer: ReturnType<typeof setTimeout>; x: number; y: number } | null = null;

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
    // Alert lines are placed on the axis as drawn: again when they change, and after every frame (zoom, new candles).
    effect(() => {
      this.alertLevels();
      if (this.chart()) untracked(() => this.placeAlertLines());
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
    this.placeAlertLines();
  }

  protected priceAt(y: number): number {
    return Number(this.chart()?.convertFromPixel({ yAxisIndex: 0 }, y) ?? NaN);
  }

  protected onContextMenu(event: MouseEvent): void {
    if (this.offerPriceMenu(event.offsetX, event.offsetY)) event.preventDefault();
  }

  /** A finger held still on the chart for a while is a right click: phones have no other. */
  protected startLongPress(event: PointerEvent): void {
    this.endLongPress();
    if (event.pointerType === 'mouse') return;
    const [x, y] = [event.offsetX, event.offsetY];
    this.longPress = { x, y, timer: setTimeout(() => this.offerPriceMenu(x, y), LONG_PRESS_MS) };
  }

  protected moveLongPress(event: PointerEvent): void {
    if (this.longPress && Math.hypot(event.offsetX - this.longPress.x, event.offsetY - this.longPress.y) > LONG_PRESS_SLOP_PX) this.endLongPress();
  }

  protected endLongPress(): void {
    if (this.longPress) clearTimeout(this.longPress.timer);
    this.longPress = null;
  }

  protected startDrag(event: PointerEvent, line: PlacedAlertLine): void {
    if (event.button !== 0 || !this.alertsMovable()) return;
    event.preventDefault();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    (event.currentTarget as HTMLElement).focus();
    this.dragging.set({ id: line.level.id, y: line.y, fromY: line.y, startY: event.clientY, pointerId: event.pointerId });
  }

  protected drag(event: PointerEvent): void {
    const dragging = this.dragging();
    if (!dragging || dragging.pointerId !== event.pointerId) return;
    this.dragging.set({ ...dragging, y: this.withinGrid(dragging.fromY + event.clientY - dragging.startY) });
  }

  /** Up and down move the focused line a few pixels (Shift: further), Enter sets it there, Escape puts it back. */
  protected nudge(event: KeyboardEvent, line: PlacedAlertLine): void {
    if (!this.alertsMovable()) return;
    const step = event.shiftKey ? 20 : 4;
    const current = this.dragging() ?? { id: line.level.id, y: line.y, fromY: line.y, startY: 0, pointerId: null };
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      this.dragging.set({ ...current, y: this.withinGrid(current.y + (event.key === 'ArrowUp' ? -step : step)) });
    } else if (event.key === 'Enter' && this.dragging()) {
      event.preventDefault();
      this.drop();
    } else if (event.key === 'Escape') this.dragging.set(null);
  }

  protected drop(): void {
    const dragging = this.dragging();
    if (!dragging) return;
    this.dragging.set(null);
    if (Math.abs(dragging.y - dragging.fromY) < DRAG_SLOP_PX) return;
    const price = this.priceAt(dragging.y);
    if (!Number.isFinite(price)) return;
    // Where it was dropped until the levels say otherwise: the new level, or the old one back after a refusal.
    this.alertLines.update((lines) => lines.map((line) => (line.level.id === dragging.id ? { ...line, y: dragging.y, edge: null } : line)));
    this.alertMoved.emit({ id: dragging.id, price });
  }

  private offerPriceMenu(x: number, y: number): boolean {
    const chart = this.chart();
    this.longPress = null;
    if (!chart || this.candles().length === 0 || !chart.containPixel({ gridIndex: 0 }, [x, y])) return false;
    const price = this.priceAt(y);
    if (!Number.isFinite(price) || price <= 0) return false;
    this.priceMenu.emit({ price, x, y });
    return true;
  }

  private withinGrid(y: number): number {
    const { top, bottom } = this.gridSides();
    return Math.min(Math.max(y, top), bottom);
  }

  private placeAlertLines(): void {
    const chart = this.chart();
    if (!chart || this.candles().length === 0) return this.alertLines.set([]);
    const grid = (chart.getOption() as { grid?: { left?: number; right?: number; top?: number; bottom?: number }[] }).grid?.[0] ?? {};
    const sides = { left: grid.left ?? 0, right: grid.right ?? 0, top: grid.top ?? 0, bottom: chart.getHeight() - (grid.bottom ?? 0) };
    this.gridSides.set(sides);
    this.alertLines.set(placeAlertLines(this.alertLevels(), (price) => Number(chart.convertToPixel({ yAxisIndex: 0 }, price)), sides));
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
