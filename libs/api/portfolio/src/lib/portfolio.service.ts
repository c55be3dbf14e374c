import { Injectable } from '@nestjs/common';
import type { EquityHistory, EquityPoint, EquityRange, Portfolio, Position } from '@lilux/contracts';
import { MarketService } from '@lilux/api/market';
import { AccountEntity, AccountsService, Money, OrdersService, ZERO, money } from '@lilux/api/orders';
import { Clock } from '@lilux/api/shared';
import { applyFill, emptyBook, replayFills } from './average-cost';

const HOUR_MS = 3_600_000;
const RANGE_MS: Record<EquityRange, number> = {
  '1d': 24 * HOUR_MS,
  '1w': 168 * HOUR_MS,
  '1m': 720 * HOUR_MS,
  '3m': 2160 * HOUR_MS,
  all: Number.POSITIVE_INFINITY,
};
const DISPLAY_DECIMALS = 8;
/** What an exchange account's holdings are valued in. */
const CASH_ASSET = 'USDT';

/** Valuation, PnL and the equity curve of an account, all derived from its fills. */
@Injectable()
export class PortfolioService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly orders: OrdersService,
    private readonly market: MarketService,
    private readonly clock: Clock,
  ) {}

  async portfolio(user: { id: string; username: string }, accountId?: string): Promise<Portfolio> {
    const account = await this.accounts.resolve(user.id, accountId);
    if (account.kind !== 'paper') return this.exchangePortfolio(user, account);
    const book = replayFills(await this.orders.fillsOf(account.id));
    const positions: Position[] = [];
    let invested = ZERO;
    let unrealized = ZERO;
    for (const [asset, holding] of book.holdings) {
      if (holding.qty.isZero()) continue;
      const last = money((await this.market.ticker(holding.symbol)).last);
      const value = holding.qty.mul(last);
      const pnl = value.minus(holding.cost);
      invested = invested.plus(value);
      unrealized = unrealized.plus(pnl);
      positions.push({
        asset,
        symbol: holding.symbol,
        qty: holding.qty.toFixed(),
        averageCost: show(holding.cost.div(holding.qty)),
        lastPrice: last.toFixed(),
        value: show(value),
        unrealizedPnl: show(pnl),
        unrealizedPnlPercent: holding.cost.isZero() ? '0' : pnl.div(holding.cost).mul(100).toFixed(2),
      });
    }
    const cash = money(account.startAmount).plus(book.cashFlow);
    return {
      user: user.username,
      accountId: account.id,
      total_usdt: show(cash.plus(invested)),
      cash: show(cash),
      fees_paid: show(book.feesPaid),
      positions: positions.sort((a, b) => a.asset.localeCompare(b.asset)),
      pnls: { realized: show(book.realizedPnl), unrealized: show(unrealized) },
      valuedAt: new Date(this.clock.now()).toISOString(),
    };
  }

  /**
   * An exchange account holds what the exchange says it holds: its balances, valued at current tickers. Average
   * cost and unrealized PnL come from the fills Lilux made there, where they explain the holding.
   */
  private async exchangePortfolio(user: { id: string; username: string }, account: AccountEntity): Promise<Portfolio> {
    const balances = await this.orders.balancesOf(account);
    const book = replayFills(await this.orders.fillsOf(account.id));
    const priced = new Set((await this.market.markets()).map((market) => market.symbol));
    const positions: Position[] = [];
    const unpriced: string[] = [];
    let cash = ZERO;
    let invested = ZERO;
    let unrealized = ZERO;
    for (const balance of balances) {
      const qty = money(balance.free).plus(balance.locked);
      if (balance.asset === CASH_ASSET) {
        cash = qty;
        continue;
      }
      const symbol = `${balance.asset}/${CASH_ASSET}`;
      if (!priced.has(symbol)) {
        unpriced.push(balance.asset);
        continue;
      }
      const last = money((await this.market.ticker(symbol)).last);
      const value = qty.mul(last);
      const holding = book.holdings.get(balance.asset);
      const averageCost = holding && holding.qty.gt(0) ? holding.cost.div(holding.qty) : null;
      const pnl = averageCost ? value.minus(averageCost.mul(qty)) : null;
      invested = invested.plus(value);
      if (pnl) unrealized = unrealized.plus(pnl);
      positions.push({
        asset: balance.asset,
        symbol,
        qty: qty.toFixed(),
        averageCost: averageCost ? show(averageCost) : null,
        lastPrice: last.toFixed(),
        value: show(value),
        unrealizedPnl: pnl ? show(pnl) : null,
        unrealizedPnlPercent: pnl && averageCost && !averageCost.isZero() ? pnl.div(averageCost.mul(qty)).mul(100).toFixed(2) : null,
      });
    }
    return {
      user: user.username,
      accountId: account.id,
      total_usdt: show(cash.plus(invested)),
      cash: show(cash),
      fees_paid: show(book.feesPaid),
      positions,
      pnls: { realized: show(book.realizedPnl), unrealized: show(unrealized) },
      valuedAt: new Date(this.clock.now()).toISOString(),
      ...(unpriced.length > 0 ? { unpriced } : {}),
    };
  }

  /**
   * Equity where the range starts (or the account opened), at every hour and every fill, and now: cash plus each
   * holding at the price of the time (the fill's own price for its symbol, otherwise the open of the hourly
   * candle containing that time, and the last price now).
   */
  async history(userId: string, range: EquityRange, accountId?: string): Promise<EquityHistory> {
    const account = await this.accounts.resolveLedger(userId, accountId);
    const fills = await this.orders.fillsOf(account.id);
    const now = this.clock.now();
    const start = Math.max(Date.parse(account.createdAt), now - RANGE_MS[range]);
    // The curve starts where the range does, so a new account's first hour is a line and not a lone dot.
    const samples = [start];
    for (let hour = Math.ceil(start / HOUR_MS) * HOUR_MS; hour < now; hour += HOUR_MS) if (hour > start) samples.push(hour);
    const symbols = [...new Set(fills.map((fill) => fill.symbol))];
    const opens = new Map<string, Map<number, number>>();
    for (const symbol of symbols) opens.set(symbol, await this.hourlyOpens(symbol, start, now));

    const book = emptyBook();
    const startCash = money(account.startAmount);
    const points: EquityPoint[] = [];
    const equityAt = (time: number, priceOf: (symbol: string) => Money) => {
      let equity = startCash.plus(book.cashFlow);
      for (const holding of book.holdings.values()) if (!holding.qty.isZero()) equity = equity.plus(holding.qty.mul(priceOf(holding.symbol)));
      points.push({ time: new Date(time).toISOString(), equity: show(equity) });
    };
    const priceAt = (symbol: string, time: number) => money(opens.get(symbol)?.get(Math.floor(time / HOUR_MS) * HOUR_MS) ?? 0);
    let next = 0;
    for (const sample of now > start ? [...samples, now] : samples) {
      // The opening point comes before a fill made in the very millisecond the account opened.
      const isOpening = sample === start && sample !== now;
      while (next < fills.length && (isOpening ? Date.parse(fills[next].time) < sample : Date.parse(fills[next].time) <= sample)) {
        const fill = fills[next++];
        applyFill(book, fill);
        const time = Date.parse(fill.time);
        if (time >= start) equityAt(time, (symbol) => (symbol === fill.symbol ? money(fill.price) : priceAt(symbol, time)));
      }
      if (sample === now) {
        const lasts = new Map<string, Money>();
        for (const holding of book.holdings.values()) {
          if (!holding.qty.isZero()) lasts.set(holding.symbol, money((await this.market.ticker(holding.symbol)).last));
        }
        equityAt(now, (symbol) => lasts.get(symbol) ?? ZERO);
      } else {
        equityAt(sample, (symbol) => priceAt(symbol, sample));
      }
    }
    return { accountId: account.id, range, points };
  }

  private async hourlyOpens(symbol: string, start: number, now: number): Promise<Map<number, number>> {
    const opens = new Map<number, number>();
    for (let since = Math.floor(start / HOUR_MS) * HOUR_MS; since <= now; since += 1000 * HOUR_MS) {
      for (const [time, open] of await this.market.candles({ symbol, timeframe: '1h', since, limit: 1000 })) opens.set(time, open);
    }
    return opens;
  }
}

function show(value: Money): string {
  return value.toDecimalPlaces(DISPLAY_DECIMALS).toFixed();
}
