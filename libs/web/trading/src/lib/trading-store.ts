import { DestroyRef, computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Balance, Market, MarketStatus, Order, Portfolio, Ticker, Timeframe, Trade } from '@lilux/contracts';
import { ActiveAccount, LiveFeed, MarketApi, TradingApi } from '@lilux/web/data-access';
import { Subscription, debounceTime } from 'rxjs';

const DEFAULT_SYMBOL = 'BTC/USDT';
/** Fills drawn on the chart: the most recent ones of the symbol shown. */
const MARKER_FILLS = 200;

/**
 * What the dashboard's panels share: the market in view, the account, its open orders, recent fills and
 * portfolio. Order and trade events from the live channel refresh it, so every panel agrees with the ledger.
 */
@Injectable()
export class TradingStore {
  private readonly marketApi = inject(MarketApi);
  private readonly tradingApi = inject(TradingApi);
  private readonly live = inject(LiveFeed);
  private readonly active = inject(ActiveAccount);
  private tickerSubscription: Subscription | null = null;

  readonly markets = signal<Market[]>([]);
  readonly marketStatus = signal<MarketStatus | null>(null);
  readonly symbol = signal(DEFAULT_SYMBOL);
  readonly timeframe = signal<Timeframe>('1m');
  readonly ticker = signal<Ticker | null>(null);
  /** The account chosen in the toolbar. */
  readonly account = this.active.account;
  /** What an exchange account holds, as the exchange said when last asked; paper balances come with the account. */
  private readonly exchangeBalances = signal<Balance[]>([]);
  readonly openOrders = signal<Order[]>([]);
  readonly fills = signal<Trade[]>([]);
  readonly portfolio = signal<Portfolio | null>(null);
  /** Bumped after every change to the ledger, for panels that page through it themselves. */
  readonly ledgerRevision = signal(0);
  readonly isLoading = signal(true);

  readonly market = computed(() => this.markets().find((market) => market.symbol === this.symbol()) ?? null);

  constructor() {
    // On the id, not the account: reloading the account list (after every fill) must not start another refresh.
    const accountId = computed(() => this.account()?.id);
    effect(() => {
      if (accountId()) untracked(() => void this.refreshLedger());
    });
    this.live.userEvents.pipe(debounceTime(150), takeUntilDestroyed(inject(DestroyRef))).subscribe(() => void this.refreshLedger());
    inject(DestroyRef).onDestroy(() => this.tickerSubscription?.unsubscribe());
  }

  async load(): Promise<void> {
    this.isLoading.set(true);
    try {
      const [markets, status] = await Promise.all([this.marketApi.markets(), this.marketApi.status()]);
      this.markets.set(markets);
      this.marketStatus.set(status);
      if (!markets.some((market) => market.symbol === this.symbol()) && markets.length > 0) this.symbol.set(markets[0].symbol);
      await this.watchTicker();
    } finally {
      this.isLoading.set(false);
    }
  }

  async selectSymbol(symbol: string): Promise<void> {
    this.symbol.set(symbol);
    this.ticker.set(null);
    await Promise.all([this.watchTicker(), this.refreshFills()]);
  }

  /** Balances, open orders, fills and portfolio, read again from the server. */
  async refreshLedger(): Promise<void> {
    const account = this.account();
    if (!account) return;
    const [open, portfolio] = await Promise.all([
      this.tradingApi.orders({ status: 'open', accountId: account.id, limit: 500, offset: 0, total: 'false' }),
      this.tradingApi.portfolio(account.id),
      this.refreshFills(),
      account.kind === 'paper' ? this.active.reload() : this.refreshExchangeBalances(account.id),
    ]);
    if (this.account()?.id !== account.id) return;
    this.openOrders.set(open.orders);
    this.portfolio.set(portfolio);
    this.ledgerRevision.update((revision) => revision + 1);
  }

  freeBalance(asset: string): string {
    const balances = this.account()?.kind === 'paper' ? (this.account()?.balances ?? []) : this.exchangeBalances();
    return balances.find((balance) => balance.asset === asset)?.free ?? '0';
  }

  private async refreshExchangeBalances(accountId: string): Promise<void> {
    try {
      this.exchangeBalances.set((await this.tradingApi.checkExchangeAccount(accountId)).balances);
    } catch {
      // The exchange cannot say now; the ticket shows no free balance and the exchange judges the order.
      this.exchangeBalances.set([]);
    }
  }

  private async refreshFills(): Promise<void> {
    const page = await this.tradingApi.trades({ symbol: this.symbol(), accountId: this.account()?.id, limit: MARKER_FILLS, offset: 0, total: 'false' });
    this.fills.set(page.trades);
  }

  private async watchTicker(): Promise<void> {
    this.tickerSubscription?.unsubscribe();
    const symbol = this.symbol();
    this.tickerSubscription = this.live.ticker(symbol).subscribe((ticker) => this.ticker.set(ticker));
    const ticker = await this.marketApi.ticker(symbol);
    if (this.symbol() === symbol && (this.ticker()?.timestamp ?? 0) <= ticker.timestamp) this.ticker.set(ticker);
  }
}
