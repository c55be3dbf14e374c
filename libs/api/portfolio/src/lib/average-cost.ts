import type { Trade } from '@lilux/contracts';
import { Money, ZERO, money } from '@lilux/api/orders';

export interface Holding {
  symbol: string;
  qty: Money;
  /** What the held quantity cost, buy fees included. */
  cost: Money;
}

export interface Book {
  /** Change of the quote asset since the start: proceeds of sales minus costs of buys, fees included. */
  cashFlow: Money;
  feesPaid: Money;
  realizedPnl: Money;
  holdings: Map<string, Holding>;
}

/**
 * Replays fills oldest first with the average-cost method: a buy adds its cost (price × qty + fee) to the
 * holding; a sale realizes its proceeds (price × qty − fee) minus the average cost of what it sold.
 */
export function replayFills(fills: Trade[], book: Book = emptyBook()): Book {
  for (const fill of fills) applyFill(book, fill);
  return book;
}

export function emptyBook(): Book {
  return { cashFlow: ZERO, feesPaid: ZERO, realizedPnl: ZERO, holdings: new Map() };
}

export function applyFill(book: Book, fill: Trade): void {
  const [base] = fill.symbol.split('/');
  const qty = money(fill.qty);
  const gross = money(fill.quoteQty);
  const fee = money(fill.fee);
  const holding = book.holdings.get(base) ?? { symbol: fill.symbol, qty: ZERO, cost: ZERO };
  book.feesPaid = book.feesPaid.plus(fee);
  if (fill.side === 'buy') {
    holding.qty = holding.qty.plus(qty);
    holding.cost = holding.cost.plus(gross).plus(fee);
    book.cashFlow = book.cashFlow.minus(gross).minus(fee);
  } else {
    const soldCost = holding.qty.isZero() ? ZERO : holding.cost.mul(qty).div(holding.qty);
    const proceeds = gross.minus(fee);
    book.realizedPnl = book.realizedPnl.plus(proceeds).minus(soldCost);
    holding.qty = holding.qty.minus(qty);
    holding.cost = holding.qty.isZero() ? ZERO : holding.cost.minus(soldCost);
    book.cashFlow = book.cashFlow.plus(proceeds);
  }
  book.holdings.set(base, holding);
}
