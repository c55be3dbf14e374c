import { Injectable } from '@nestjs/common';
import type { EquityHistory, EquityPoint, EquityRange, Portfolio, Position } from '@lilux/contracts';
import { MarketService } from '@lilux/api/market';
import {
  AccountEntity,
  AccountsService,
  EquityBucket,
  EQUITY_SPANS,
  equityOf,
  Money,
  OrdersService,
  PositionEntity,
  PositionsService,
  ZERO,
  money,
} from '@lilux/api/orders';
import { Clock } from '@lilux/api/shared';
import { downsample } from './equity-downsampling';

const HOUR_MS = 3_600_000;
const RANGE_MS: Record<EquityRange, number> = {
  '1d': 24 * HOUR_MS,
  '1w': 168 * HOUR_MS,
  '1m': 720 * HOUR_MS,
  '3m': 2160 * HOUR_MS,
  all: Number.POSITIVE_INFINITY,
};
const DISPLAY_DECIMALS = 8;
/** The most points an equity curve is sent with, whatever its range: enough for any chart's width. */
const MAX_POINTS = 500;
const HOURS_UP_TO_MS = 31 * 24 * HOUR_MS;
/** How often a look at the curve adds now's valuation to it: a chart polled every second costs one write a minute. */
const RECORD_EVERY_MS = 60_000;
/** What an exchange account's holdings are valued in. */
const CASH_ASSET = 'USDT';

/**
 * Valuation, PnL and the equity curve of an account, from the positions and curve kept with its fills: the cost
 * of a request grows with what it shows, not with the account's history.
 */
@Injectable()
export class PortfolioService {
  /** When this instance last added a look's valuation to each account's curve. */
  private readonly recordedAt = new Map<string, number>();

  constructor(
    private readonly accounts: AccountsService,
    private readonly orders: OrdersService,
    private readonly positions: PositionsService,
    private readonly market: MarketService,
    private readonly clock: Clock,
  ) {}

  async portfolio(user: { id: string; username: string }, accountId?: string): Promise<Portfolio> {
    const account = await this.accounts.resolve(user.id, accountId);
    if (account.kind !== 'paper') return this.exchangePortfolio(user, account);
    const kept = await this.positions.positionsOf(account.id);
    const totals = totalsOf(kept);
    const positions: Position[] = [];
    let invested = ZERO;
    let unrealized = ZERO;
    for (const { asset, ...position } of kept) {
      const holding = { symbol: position.symbol, qty: money(position.qty), cost: money(position.cost) };
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
    const cash = money(account.startAmount).plus(totals.cashFlow);
    return {
      user: user.username,
      accountId: account.id,
      total_usdt: show(cash.plus(invested)),
      cash: show(cash),
      fees_paid: show(totals.feesPaid),
      positions: positions.sort((a, b) => a.asset.localeCompare(b.asset)),
      pnls: { realized: show(totals.realizedPnl), unrealized: show(unrealized) },
      valuedAt: new Date(this.clock.now()).toISOString(),
    };
  }

  /**
   * An exchange account holds what the exchange says it holds: its balances, valued at current tickers. Average
   * cost and unrealized PnL come from the fills Lilux made there, where they explain the holding.
   */
  private async exchangePortfolio(user: { id: string; username: string }, account: AccountEntity): Promise<Portfolio> {
    const balances = await this.orders.balancesOf(account);
    const kept = await this.positions.positionsOf(account.id);
    const totals = totalsOf(kept);
    const costs = new Map(kept.map((position) => [position.asset, { qty: money(position.qty), cost: money(position.cost) }]));
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
      const holding = costs.get(balance.asset);
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
      fees_paid: show(totals.feesPaid),
      positions,
      pnls: { realized: show(totals.realizedPnl), unrealized: show(unrealized) },
      valuedAt: new Date(this.clock.now()).toISOString(),
      ...(unpriced.length > 0 ? { unpriced } : {}),
    };
  }

  /**
   * The equity curve kept with the fills (see `keepPositions`): where the range opens, the first, lowest, highest
   * and last point of each hour (each day for ranges over a month) in it, and now at the last prices, at most
   * {@link MAX_POINTS} of them. Reads one row per hour or day of the range, however many fills the account made. Now's valuation joins the curve, so hours
   * without a fill keep what the account was worth when someone looked.
   */
  async history(userId: string, range: EquityRange, accountId?: string): Promise<EquityHistory> {
    const account = await this.accounts.resolveLedger(userId, accountId);
    const now = this.clock.now();
    const start = Math.max(Date.parse(account.createdAt), now - RANGE_MS[range]);
    // Hours up to a month (at most 744 rows), days beyond: a range reads a bounded number of rows.
    const span = now - start <= HOURS_UP_TO_MS ? EQUITY_SPANS[0] : EQUITY_SPANS[1];
    const { before, buckets } = await this.positions.equityCurve(account.id, span, iso(start), iso(now));
    let opening = before ? String(before.lastEquity) : show(money(account.startAmount));
    const inRange: EquityPoint[] = [];
    for (const bucket of buckets) {
      for (const point of pointsOf(bucket)) {
        const time = Date.parse(point.time);
        // The opening point comes before a fill made in the very millisecond the range starts.
        if (time < start) opening = point.equity;
        else if (time <= now) inRange.push(point);
      }
    }
    const current = await this.valueNow(account);
    if (now > start && now - (this.recordedAt.get(account.id) ?? 0) >= RECORD_EVERY_MS) {
      this.recordedAt.set(account.id, now);
      await this.positions.recordEquity(account.id, iso(now), current);
    }
    const points = [{ time: iso(start), equity: opening }, ...inRange, ...(now > start ? [{ time: iso(now), equity: show(current) }] : [])];
    const curve = downsample(
      points.map((point) => ({ point, time: Date.parse(point.time), value: Number(point.equity) })),
      MAX_POINTS,
    );
    return { accountId: account.id, range, points: curve.map(({ point: { time, equity } }) => ({ time, equity })) };
  }

  /** Cash plus every kept position at its last price. */
  private async valueNow(account: AccountEntity): Promise<Money> {
    const positions = await this.positions.positionsOf(account.id);
    const lasts = new Map<string, Money>();
    for (const position of positions) {
      if (!money(position.qty).isZero()) lasts.set(position.symbol, money((await this.market.ticker(position.symbol)).last));
    }
    return equityOf(account.startAmount, positions, (position) => lasts.get(position.symbol) ?? ZERO);
  }
}

/** A span's points of the curve in time order, each once. */
function pointsOf(bucket: EquityBucket): EquityPoint[] {
  const points = [
    { time: bucket.firstAt, equity: bucket.firstEquity },
    { time: bucket.lowAt, equity: bucket.lowEquity },
    { time: bucket.highAt, equity: bucket.highEquity },
    { time: bucket.lastAt, equity: bucket.lastEquity },
  ].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  return points.filter((point, index) => index === 0 || point.time !== points[index - 1].time).map((point) => ({ ...point, equity: String(point.equity) }));
}

/** What the fills of every asset did to the account. */
function totalsOf(positions: PositionEntity[]): { cashFlow: Money; feesPaid: Money; realizedPnl: Money } {
  const totals = { cashFlow: ZERO, feesPaid: ZERO, realizedPnl: ZERO };
  for (const position of positions) {
    totals.cashFlow = totals.cashFlow.plus(position.cashFlow);
    totals.feesPaid = totals.feesPaid.plus(position.feesPaid);
    totals.realizedPnl = totals.realizedPnl.plus(position.realizedPnl);
  }
  return totals;
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

function show(value: Money): string {
  return value.toDecimalPlaces(DISPLAY_DECIMALS).toFixed();
}
