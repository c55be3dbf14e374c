import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { OHLCV_LIMIT_MAX, TIMEFRAMES, TIMEFRAME_MS, type Candle, type Order, type Timeframe } from '@lilux/contracts';
import { money } from '@lilux/order-rules';
import { AlertLevel, CandleChart, CHART_MARKS, FillMarker, MOVING_AVERAGE_PERIODS, MovingAveragePeriod, PriceLevel } from '@lilux/web/chart';
import {
  AlertsStore,
  AssetFigures,
  describeHttpError,
  Language,
  type LanguageTexts,
  LiveFeed,
  MarketApi,
  PercentChangePipe,
  PricePipe,
  Toasts,
  VolumePipe,
} from '@lilux/web/data-access';
import { alertCondition } from './alert-words';
import { Subscription } from 'rxjs';
import { saveChartSettings } from './chart-settings';
import { TradingStore } from './trading-store';

const FIRST_LOAD = 500;
/** Older candles fetched each time the trader pans to the left edge. */
const HISTORY_PAGE = OHLCV_LIMIT_MAX;

/** Symbol and timeframe pickers, moving-average switches, and the live candlestick chart with its alert lines. */
@Component({
  selector: 'lx-chart-panel',
  imports: [
    FormsModule,
    PercentChangePipe,
    PricePipe,
    VolumePipe,
    TranslocoPipe,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    CandleChart,
  ],
  templateUrl: './chart-panel.html',
  styleUrl: './chart-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:pointerdown)': 'closeAlertMenuOutside($event)' },
})
export class ChartPanel {
  protected readonly store = inject(TradingStore);
  private readonly marketApi = inject(MarketApi);
  private readonly live = inject(LiveFeed);
  private readonly alerts = inject(AlertsStore);
  private readonly toasts = inject(Toasts);
  protected readonly language = inject(Language);
  private readonly figures = inject(AssetFigures);
  readonly dark = input(false);
  /** Whether the user may make and move alerts from the chart (a viewer may not). */
  readonly canEditAlerts = input(true);

  protected readonly timeframes = TIMEFRAMES;
  protected readonly averagePeriods = MOVING_AVERAGE_PERIODS;
  protected readonly averages = signal<MovingAveragePeriod[]>(MOVING_AVERAGE_PERIODS.filter((period) => this.store.chartSettings.averages.includes(period)));
  protected readonly visibleCandles = signal(this.store.chartSettings.visibleCandles);
  /** The series on the chart: it changes only when the candles of another symbol or timeframe have arrived. */
  protected readonly series = signal<{ key: string; timeframe: Timeframe; candles: Candle[] }>({ key: '', timeframe: '1m', candles: [] });
  protected readonly isLoading = signal(false);
  protected readonly hasAllHistory = signal(false);
  private readonly requestedKey = computed(() => `${this.store.symbol()}|${this.store.timeframe()}`);
  private loadingOlder = false;
  private liveCandles: Subscription | null = null;

  protected readonly markers = computed<FillMarker[]>(() =>
    this.store.fills().map((fill) => ({ time: Date.parse(fill.time), price: Number(fill.price), side: fill.side, qty: fill.qty })),
  );
  protected readonly levels = computed<PriceLevel[]>(() =>
    this.store
      .openOrders()
      .filter((order) => order.symbol === this.store.symbol() && order.price !== null)
      .map((order) => levelOf(order, this.language, this.figures))
      // Highest first, as they stand on the chart.
      .sort((a, b) => b.price - a.price),
  );

  /** The user's armed alerts on this market with a level: lines on the chart. */
  protected readonly alertLevels = computed<AlertLevel[]>(() =>
    this.alerts
      .alerts()
      .filter((alert) => alert.symbol === this.store.symbol() && alert.state === 'active' && alert.price !== null)
      .map((alert) => ({
        id: alert.id,
        price: Number(alert.price),
        label: this.language.t('alerts.line', { condition: alertCondition(alert, this.language) }),
      })),
  );
  protected readonly priceText = (price: number) => this.figures.price(this.atTick(price), this.store.symbol());
  /** The menu offered by a right click or a long press: an alert at the price under the pointer. */
  protected readonly alertMenu = signal<{ price: string; condition: 'above' | 'below'; x: number; y: number } | null>(null);
  private readonly alertMenuItem = viewChild<ElementRef<HTMLButtonElement>>('alertMenuItem');
  private readonly alertMenuBox = viewChild<ElementRef<HTMLElement>>('alertMenuBox');

  constructor() {
    // The menu takes the focus as it opens, so that Enter creates and Escape leaves.
    effect(() => this.alertMenuItem()?.nativeElement.focus());
    effect(() => {
      const [symbol, timeframe] = [this.store.symbol(), this.store.timeframe()];
      untracked(() => void this.show(symbol, timeframe));
    });
    effect(() =>
      saveChartSettings({ symbol: this.store.symbol(), timeframe: this.store.timeframe(), averages: this.averages(), visibleCandles: this.visibleCandles() }),
    );
    inject(DestroyRef).onDestroy(() => this.liveCandles?.unsubscribe());
  }

  protected selectSymbol(symbol: string): void {
    void this.store.selectSymbol(symbol);
  }

  protected selectTimeframe(timeframe: Timeframe): void {
    this.store.timeframe.set(timeframe);
  }

  protected openAlertMenu({ price, x, y }: { price: number; x: number; y: number }): void {
    if (!this.canEditAlerts()) return;
    const level = this.atTick(price);
    const last = this.store.ticker()?.last;
    // Above the market an alert waits for the price to rise to it, below for it to fall.
    const condition = last !== undefined && money(level).lessThan(money(last)) ? 'below' : 'above';
    this.alertMenu.set({ price: level, condition, x, y });
  }

  protected closeAlertMenu(): void {
    this.alertMenu.set(null);
  }

  protected closeAlertMenuOutside(event: Event): void {
    if (this.alertMenu() && !this.alertMenuBox()?.nativeElement.contains(event.target as Node)) this.closeAlertMenu();
  }

  protected alertMenuText(menu: { price: string }): string {
    return this.language.t('alerts.alertAt', { price: this.figures.price(menu.price, this.store.symbol()) });
  }

  protected async createAlertAt(menu: { price: string; condition: 'above' | 'below' }): Promise<void> {
    this.closeAlertMenu();
    try {
      const alert = await this.alerts.create({ symbol: this.store.symbol(), condition: menu.condition, price: menu.price });
      this.toasts.success(this.language.t('alerts.created', { condition: alertCondition(alert, this.language) }));
    } catch (error) {
      this.toasts.error(describeHttpError(error, this.language));
    }
  }

  protected async moveAlert({ id, price }: { id: string; price: number }): Promise<void> {
    const level = this.atTick(price);
    if (Number(level) <= 0) return;
    if (await this.alerts.move(id, level)) this.toasts.success(this.language.t('alerts.moved', { price: this.figures.price(level, this.store.symbol()) }));
  }

  /** A price from the chart's pixels at the market's tick, as the API takes it: "98000.00". */
  private atTick(price: number): string {
    const tick = this.store.market()?.pricePrecision ?? '0.01';
    return money(price.toPrecision(15)).toNearest(money(tick)).toFixed(money(tick).decimalPlaces());
  }

  protected async loadOlder(): Promise<void> {
    const { key, timeframe, candles } = this.series();
    if (this.loadingOlder || this.hasAllHistory() || candles.length === 0) return;
    this.loadingOlder = true;
    try {
      const since = candles[0][0] - HISTORY_PAGE * TIMEFRAME_MS[timeframe];
      const older = (await this.marketApi.ohlcv(key.split('|')[0], timeframe, HISTORY_PAGE, since)).filter(([time]) => time < candles[0][0]);
      if (key !== this.series().key) return;
      if (older.length === 0) this.hasAllHistory.set(true);
      else this.series.update((current) => ({ ...current, candles: [...older, ...current.candles] }));
    } finally {
      this.loadingOlder = false;
    }
  }

  private async show(symbol: string, timeframe: Timeframe): Promise<void> {
    this.liveCandles?.unsubscribe();
    this.isLoading.set(true);
    this.hasAllHistory.set(false);
    try {
      const candles = await this.marketApi.ohlcv(symbol, timeframe, FIRST_LOAD);
      const key = `${symbol}|${timeframe}`;
      if (this.requestedKey() !== key) return;
      performance.mark(CHART_MARKS.candlesReceived);
      this.series.set({ key, timeframe, candles });
      this.liveCandles = this.live
        .candles(symbol, timeframe)
        .subscribe((candle) => this.series.update((current) => ({ ...current, candles: withCandle(current.candles, candle) })));
    } finally {
      this.isLoading.set(false);
    }
  }
}

/** The series with a live candle: the forming one replaced, or a new one appended. */
function withCandle(candles: Candle[], candle: Candle): Candle[] {
  const last = candles[candles.length - 1];
  if (last && candle[0] < last[0]) return candles;
  if (last && candle[0] === last[0]) return [...candles.slice(0, -1), candle];
  return [...candles, candle];
}

function levelOf(order: Order, language: LanguageTexts, assetFigures: AssetFigures): PriceLevel {
  const price = Number(order.price);
  const figures = { qty: assetFigures.amount(order.qty, order.symbol), price: assetFigures.price(order.price, order.symbol) };
  if (order.role === 'stop_loss') return { price, kind: 'stop-loss', label: language.t('chart.stopLossLevel', figures) };
  if (order.role === 'take_profit') return { price, kind: 'take-profit', label: language.t('chart.takeProfitLevel', figures) };
  const [kind, key] = order.side === 'buy' ? (['limit-buy', 'chart.buyLevel'] as const) : (['limit-sell', 'chart.sellLevel'] as const);
  return { price, kind, label: language.t(key, figures) };
}
