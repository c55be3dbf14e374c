import { isResting, type Balance, type Order, type Portfolio, type Position, type Trade, type TradePage } from '@lilux/contracts';
import { money, toDecimalString, ZERO, type Money } from '@lilux/order-rules';

/**
 * What an order or trade event from the live channel changes in what the console already shows. Each function
 * returns a new value (signals compare by reference) and leaves it unchanged when the event does not concern it.
 */

/** The asset portfolios are valued in; fills of other quotes move no cash. */
const CASH_ASSET = 'USDT';

/** Open orders, newest first as the server lists them: a resting order is added or replaced, any other removed. */
export function withOrder(openOrders: readonly Order[], order: Order): Order[] {
  const others = openOrders.filter((open) => open.id !== order.id);
  if (!isResting(order.status)) return others;
  return [...others, order].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

/** Fills, newest first, at most `limit` of them; a fill already there (an event heard twice) changes nothing. */
export function withTrade(trades: readonly Trade[], trade: Trade, limit: number): Trade[] {
  if (trades.some((known) => known.id === trade.id)) return [...trades];
  return [trade, ...trades].sort((a, b) => b.time.localeCompare(a.time) || b.id.localeCompare(a.id)).slice(0, limit);
}

/**
 * The newest page of the trade history with a new fill on top. It keeps every row it had: its `nextCursor` leads to the
 * row after its last, so a row pushed off its end would never be shown on the next page.
 */
export function withTradeOnFirstPage(page: TradePage, trade: Trade): TradePage {
  if (page.trades.some((known) => known.id === trade.id)) return page;
  return { ...page, trades: withTrade(page.trades, trade, page.trades.length + 1), ...(page.total === undefined ? {} : { total: page.total + 1 }) };
}

/**
 * A paper account's balances after an order's lock changed: what the order holds now minus what it held before
 * (`previous`, as last seen; none for an order just placed) moves between free and locked.
 */
export function withOrderLock(balances: readonly Balance[], previous: Order | undefined, order: Order): Balance[] {
  const changes = new Map<string, Money>();
  const add = (asset: string, amount: Money) => changes.set(asset, (changes.get(asset) ?? ZERO).plus(amount));
  add(order.lockedAsset, money(order.lockedAmount));
  if (previous) add(previous.lockedAsset, money(previous.lockedAmount).neg());
  return withChanges(balances, changes, (balance, delta) => ({ ...balance, free: sub(balance.free, delta), locked: plus(balance.locked, delta) }));
}

/** A paper account's balances after a fill: the base comes in or goes out, the quote the other way, the fee on top. */
export function withFillInBalances(balances: readonly Balance[], trade: Trade): Balance[] {
  const changes = new Map<string, Money>();
  const add = (asset: string, amount: Money) => changes.set(asset, (changes.get(asset) ?? ZERO).plus(amount));
  for (const [asset, amount] of Object.entries(cashFlowOf(trade))) add(asset, amount);
  return withChanges(balances, changes, (balance, delta) => ({ ...balance, free: plus(balance.free, delta) }));
}

/**
 * The portfolio after a fill, until the server values it again: quantities and cash move, each position keeps its
 * last price, and a buy folds into the average cost (fees included, as the server counts them). Realized profit
 * waits for the server.
 */
export function withFillInPortfolio(portfolio: Portfolio, trade: Trade): Portfolio {
  const [base, quote] = trade.symbol.split('/');
  if (portfolio.accountId !== trade.accountId || quote !== CASH_ASSET) return portfolio;
  const flow = cashFlowOf(trade);
  const cash = money(portfolio.cash).plus(flow[CASH_ASSET] ?? ZERO);
  const existing = portfolio.positions.find((position) => position.asset === base);
  const heldBefore = existing ? money(existing.qty) : ZERO;
  const qty = heldBefore.plus(flow[base] ?? ZERO);
  const others = portfolio.positions.filter((position) => position.asset !== base);
  const positions = qty.gt(ZERO) ? [...others, valued(existing, base, trade, heldBefore, qty)] : others;
  positions.sort((a, b) => a.asset.localeCompare(b.asset));
  const invested = positions.reduce((sum, position) => sum.plus(position.value), ZERO);
  const unrealized = positions.reduce((sum, position) => sum.plus(position.unrealizedPnl ?? ZERO), ZERO);
  return {
    ...portfolio,
    cash: toDecimalString(cash),
    total_usdt: toDecimalString(cash.plus(invested)),
    fees_paid: trade.feeAsset === CASH_ASSET ? toDecimalString(money(portfolio.fees_paid).plus(trade.fee)) : portfolio.fees_paid,
    positions,
    pnls: { ...portfolio.pnls, unrealized: toDecimalString(unrealized) },
  };
}

function valued(existing: Position | undefined, asset: string, trade: Trade, heldBefore: Money, qty: Money): Position {
  const lastPrice = existing ? money(existing.lastPrice) : money(trade.price);
  let averageCost = existing?.averageCost ? money(existing.averageCost) : null;
  if (trade.side === 'buy' && (averageCost || heldBefore.isZero())) {
    const paid = money(trade.quoteQty).plus(trade.feeAsset === CASH_ASSET ? trade.fee : ZERO);
    averageCost = (averageCost ?? ZERO).mul(heldBefore).plus(paid).div(qty);
  }
  const value = qty.mul(lastPrice);
  const pnl = averageCost ? value.minus(averageCost.mul(qty)) : null;
  return {
    asset,
    symbol: existing?.symbol ?? trade.symbol,
    qty: toDecimalString(qty),
    averageCost: averageCost ? toDecimalString(averageCost) : null,
    lastPrice: toDecimalString(lastPrice),
    value: toDecimalString(value),
    unrealizedPnl: pnl ? toDecimalString(pnl) : null,
    unrealizedPnlPercent: pnl && averageCost && !averageCost.isZero() ? pnl.div(averageCost.mul(qty)).mul(100).toFixed(2) : null,
  };
}

/** What a fill adds to (positive) or takes from (negative) each asset of the account, its fee included. */
function cashFlowOf(trade: Trade): Record<string, Money> {
  const [base, quote] = trade.symbol.split('/');
  const sign = trade.side === 'buy' ? 1 : -1;
  const flow: Record<string, Money> = { [base]: money(trade.qty).mul(sign), [quote]: money(trade.quoteQty).mul(-sign) };
  flow[trade.feeAsset] = (flow[trade.feeAsset] ?? ZERO).minus(trade.fee);
  return flow;
}

function withChanges(balances: readonly Balance[], changes: Map<string, Money>, apply: (balance: Balance, delta: Money) => Balance): Balance[] {
  const moved = [...changes].filter(([, delta]) => !delta.isZero());
  if (moved.length === 0) return [...balances];
  const result = [...balances];
  for (const [asset, delta] of moved) {
    const index = result.findIndex((balance) => balance.asset === asset);
    if (index === -1) result.push(apply({ asset, free: '0', locked: '0' }, delta));
    else result[index] = apply(result[index], delta);
  }
  return result;
}

function plus(value: string, delta: Money): string {
  return toDecimalString(money(value).plus(delta));
}

function sub(value: string, delta: Money): string {
  return toDecimalString(money(value).minus(delta));
}
