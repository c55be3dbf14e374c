import { DestroyRef, computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  isResting,
  type Balance,
  type Market,
  type MarketStatus,
  type Order,
  type OrderEvent,
  type OrderSide,
  type Portfolio,
  type Ticker,
  type Timeframe,
  type Trade,
} from '@lilux/contracts';
import {
  ActiveAccount,
  AssetFigures,
  explainHttpError,
  type ExplainedError,
  Language,
  LiveFeed,
  MarketApi,
  NotificationsStore,
  Toasts,
  TradingApi,
} from '@lilux/web/data-access';
import { Subject, Subscription } from 'rxjs';
import { withFillInBalances, withFillInPortfolio, withOrder, withOrderLock, withTrade } from './ledger-patches';
import { laterNotice } from './order-notices';
import { readChartSettings } from './chart-settings';
import { ThrottledTask } from './throttled-task';

/** Fills drawn on the chart: the most recent ones of the symbol shown. */
const MARKER_FILLS = 200;
/** Open orders read on a full refresh; later ones come from events. */
const OPEN_ORDERS = 500;
/** The server values a paper portfolio from its kept positions and the tickers: cheap, but not per event. */
const PAPER_VALUATION_MS = 1_000;
/** Valuing an exchange account asks the exchange for its balances, which counts against the account's rate limit. */
const EXCHANGE_VALUATION_MS = 15_000;
/** The equity curve between two reads follows the valuations (see PortfolioPanel); its history is read rarely. */
const EQUITY_HISTORY_MS = 30_000;
/** The events of one change (an order, its fill, the bracket it arms) arrive within a few milliseconds. */
const SETTLE_MS = 100;

/**
 * What the dashboard's panels share: the market in view, the account, its open orders, recent fills and
 * portfolio. Order and trade events from the live channel patch it in place; the server is asked again only for
 * what the console cannot compute: the valuation (at most once a second, on an exchange account far less often),
 * and now and then the equity history.
 */
@Injectable()
export class TradingStore {
  private readonly marketApi = inject(MarketApi);
  private readonly tradingApi = inject(TradingApi);
  private readonly live = inject(LiveFeed);
  private readonly active = inject(ActiveAccount);
  private readonly toasts = inject(Toasts);
  private readonly language = inject(Language);
  private readonly figures = inject(AssetFigures);
  private tickerSubscription: Subscription | null = null;
  private readonly isExchangeAccount = () => (this.account()?.kind ?? 'paper') !== 'paper';
  private readonly valuation = new ThrottledTask(
    () => void this.revalue(),
    () => (this.isExchangeAccount() ? EXCHANGE_VALUATION_MS : PAPER_VALUATION_MS),
    SETTLE_MS,
  );
  private readonly equityHistory = new ThrottledTask(
    () => this.equityRevision.update((revision) => revision + 1),
    () => EQUITY_HISTORY_MS,
    SETTLE_MS,
  );
  private readonly fillsHeard = new Subject<Trade>();
  /** Orders seen leaving the book: an answer that arrives after the event of their fill must not put them back. */
  private readonly closedOrderIds = new Set<string>();

  readonly markets = signal<Market[]>([]);
  readonly marketStatus = signal<MarketStatus | null>(null);
  /** How the chart was last set up, kept across reloads. */
  readonly chartSettings = readChartSettings();
  readonly symbol = signal(this.chartSettings.symbol);
  readonly timeframe = signal<Timeframe>(this.chartSettings.timeframe);
  readonly ticker = signal<Ticker | null>(null);
  /** The account chosen in the toolbar. */
  readonly account = this.active.account;
  /**
   * What an exchange account holds, as the exchange said when last asked (null: it could not say); paper balances
   * come with the account.
   */
  private readonly exchangeBalances = signal<Balance[] | null>(null);
  /** Why the chosen account's figures cannot be shown now (the exchange cannot be reached, the key was refused). */
  readonly ledgerProblem = signal<ExplainedError | null>(null);
  /** Whether the free balances are known: always on paper, on an exchange account once the exchange answered. */
  readonly hasKnownBalances = computed(() => this.account()?.kind === 'paper' || this.exchangeBalances() !== null);
  /** The account whose figures the panels hold: another account's are never shown under this one's name. */
  private shownAccountId: string | null = null;
  readonly openOrders = signal<Order[]>([]);
  readonly fills = signal<Trade[]>([]);
  readonly portfolio = signal<Portfolio | null>(null);
  /** Bumped after a full refresh, for panels that page through the ledger themselves. */
  readonly ledgerRevision = signal(0);
  /** Bumped when the equity history is worth reading again. */
  readonly equityRevision = signal(0);
  /** Fills of the account as they happen, for panels that page through the ledger themselves. */
  readonly newFills = this.fillsHeard.asObservable();
  readonly isLoading = signal(true);
  /** Asks from the keyboard for the ticket to take a side and the focus. */
  readonly ticketRequests = new Subject<OrderSide>();

  readonly market = computed(() => this.markets().find((market) => market.symbol === this.symbol()) ?? null);

  constructor() {
    // On the id, not the account: balances patched by every event must not start another refresh.
    const accountId = computed(() => this.account()?.id);
    effect(() => {
      if (accountId()) untracked(() => void this.refreshLedger());
    });
    this.live.userEvents.pipe(takeUntilDestroyed(inject(DestroyRef))).subscribe((event) => this.apply(event));
    // Its notices of order events (see applyOrder) say what the notifications of the same events would toast again.
    inject(NotificationsStore, { optional: true })?.ordersToldBy(inject(DestroyRef));
    // Events sent while the socket was away are lost: read everything again once it is back.
    let wasLive = false;
    effect(() => {
      const isLive = this.live.state() === 'live';
      if (isLive && !wasLive && untracked(() => this.ledgerRevision() > 0)) untracked(() => void this.refreshLedger());
      wasLive = isLive;
    });
    inject(DestroyRef).onDestroy(() => {
      this.tickerSubscription?.unsubscribe();
      this.valuation.cancel();
      this.equityHistory.cancel();
    });
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

  /** Balances, open orders, fills and portfolio, read again from the server: for a new account or a lost feed. */
  async refreshLedger(): Promise<void> {
    const account = this.account();
    if (!account) return;
    this.valuation.ran();
    this.equityHistory.ran();
    this.closedOrderIds.clear();
    if (this.shownAccountId !== account.id) {
      this.shownAccountId = account.id;
      this.openOrders.set([]);
      this.fills.set([]);
      this.portfolio.set(null);
      this.exchangeBalances.set(null);
      this.ledgerProblem.set(null);
    }
    const [open, portfolio, fills, balances] = await Promise.allSettled([
      this.tradingApi.orders({ status: 'open', accountId: account.id, limit: OPEN_ORDERS, total: 'false' }),
      this.tradingApi.portfolio(account.id),
      this.refreshFills(),
      account.kind === 'paper' ? this.active.reload() : this.refreshExchangeBalances(account.id),
    ]);
    if (this.account()?.id !== account.id) return;
    if (open.status === 'fulfilled') this.openOrders.set(open.value.orders);
    // A portfolio that cannot be read now is said so; the last one read of this account would be stale.
    this.portfolio.set(portfolio.status === 'fulfilled' ? portfolio.value : null);
    const failure = [portfolio, open, fills, balances].find((answer) => answer.status === 'rejected');
    this.ledgerProblem.set(failure ? explainHttpError(failure.reason, this.language) : null);
    this.ledgerRevision.update((revision) => revision + 1);
    this.equityRevision.update((revision) => revision + 1);
  }

  /**
   * An order as the server now tells it, from the socket or from the answer to a request (placing, canceling),
   * whichever comes first: the open orders and the paper balances it locks follow it.
   */
  applyOrder(order: Order): void {
    const account = this.account();
    if (!account || order.accountId !== account.id) return;
    const previous = this.openOrders().find((open) => open.id === order.id);
    if (previous && previous.updatedAt > order.updatedAt) return;
    if (sameOrder(previous, order) || (isResting(order.status) && this.closedOrderIds.has(order.id))) return;
    if (!isResting(order.status)) this.closedOrderIds.add(order.id);
    this.openOrders.update((open) => withOrder(open, order));
    if (account.kind === 'paper') this.active.patchBalances(account.id, (balances) => withOrderLock(balances, previous, order));
    const notice = laterNotice(previous, order, this.language, this.figures);
    if (notice?.isError) this.toasts.error(notice.text);
    else if (notice) this.toasts.success(notice.text);
    this.valuation.request();
  }

  private apply(event: OrderEvent): void {
    if (event.event === 'order') return this.applyOrder(event.data);
    this.applyTrade(event.data);
  }

  private applyTrade(trade: Trade): void {
    const account = this.account();
    if (!account || trade.accountId !== account.id) return;
    if (trade.symbol === this.symbol()) this.fills.update((fills) => withTrade(fills, trade, MARKER_FILLS));
    if (account.kind === 'paper') this.active.patchBalances(account.id, (balances) => withFillInBalances(balances, trade));
    this.portfolio.update((portfolio) => (portfolio ? withFillInPortfolio(portfolio, trade) : portfolio));
    this.fillsHeard.next(trade);
    this.valuation.request();
    this.equityHistory.request();
  }

  /** The valuation, and on an exchange account the balances, which only the server (and the exchange) know. */
  private async revalue(): Promise<void> {
    const account = this.account();
    if (!account) return;
    const [portfolio] = await Promise.allSettled([
      this.tradingApi.portfolio(account.id),
      account.kind === 'paper' ? null : this.refreshExchangeBalances(account.id),
    ]);
    if (this.account()?.id !== account.id) return;
    if (portfolio.status === 'fulfilled') {
      this.portfolio.set(portfolio.value);
      this.ledgerProblem.set(null);
    } else {
      this.portfolio.set(null);
      this.ledgerProblem.set(explainHttpError(portfolio.reason, this.language));
    }
  }

  /** Cancels every open order of the account; a stop-loss / take-profit pair once, as its legs go together. Returns how many were cancelled. */
  async cancelAll(): Promise<number> {
    const open = this.openOrders();
    const pairsDone = new Set<string>();
    let canceled = 0;
    for (const order of open) {
      if (order.role !== 'entry' && order.parentId) {
        if (pairsDone.has(order.parentId)) continue;
        pairsDone.add(order.parentId);
      }
      this.applyOrder(await this.tradingApi.cancelOrder(order.id));
      canceled++;
    }
    return canceled;
  }

  freeBalance(asset: string): string {
    const balances = this.account()?.kind === 'paper' ? (this.account()?.balances ?? []) : (this.exchangeBalances() ?? []);
    return balances.find((balance) => balance.asset === asset)?.free ?? '0';
  }

  private async refreshExchangeBalances(accountId: string): Promise<void> {
    try {
      this.exchangeBalances.set((await this.tradingApi.checkExchangeAccount(accountId)).balances);
    } catch (error) {
      // The exchange cannot say now: the ticket says so rather than "0 free", and the exchange judges the order.
      this.exchangeBalances.set(null);
      throw error;
    }
  }

  private async refreshFills(): Promise<void> {
    const page = await this.tradingApi.trades({ symbol: this.symbol(), accountId: this.account()?.id, limit: MARKER_FILLS, total: 'false' });
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

/** The same order seen twice: its answer to the request and its event, in either order. */
function sameOrder(previous: Order | undefined, order: Order): boolean {
  return previous !== undefined && previous.status === order.status && previous.updatedAt === order.updatedAt && previous.lockedAmount === order.lockedAmount;
}
