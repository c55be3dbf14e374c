import type { Trade } from '@lilux/contracts';
import { Money, ZERO, money } from './money';

/** What the average-cost method reads of a fill: a `Trade` or a fill row alike. */
export type CostedFill = Pick<Trade, 'symbol' | 'side' | 'qty' | 'price' | 'quoteQty' | 'fee' | 'feeAsset'>;

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
export function replayFills(fills: CostedFill[], book: Book = emptyBook()): Book {
  for (const fill of fills) applyFill(book, fill);
  return book;
}

export function emptyBook(): Book {
  return { cashFlow: ZERO, feesPaid: ZERO, realizedPnl: ZERO, holdings: new Map() };
}

export function applyFill(book: Book, fill: CostedFill): void {
  const [base] = fill.symbol.split('/');
  const gross = money(fill.quoteQty);
  // A fee taken from the base asset (Binance charges a buy's commission in what it bought) shrinks the quantity
  // received and is worth its quantity at the fill's price; a fee in the quote asset is paid on top.
  const isFeeInBase = fill.feeAsset === base;
  const qty = isFeeInBase && fill.side === 'buy' ? money(fill.qty).minus(fill.fee) : money(fill.qty);
  const fee = isFeeInBase ? money(fill.fee).mul(fill.price) : money(fill.fee);
  const feeInQuote = isFeeInBase ? ZERO : fee;
  const holding = book.holdings.get(base) ?? { symbol: fill.symbol, qty: ZERO, cost: ZERO };
  book.feesPaid = book.feesPaid.plus(fee);
  if (fill.side === 'buy') {
    holding.qty = holding.qty.plus(qty);
    holding.cost = holding.cost.plus(gross).plus(feeInQuote);
    book.cashFlow = book.cashFlow.minus(gross).minus(feeInQuote);
  } else {
    const sold = isFeeInBase ? qty.plus(fill.fee) : qty;
    const soldCost = holding.qty.isZero() ? ZERO : holding.cost.mul(sold).div(holding.qty);
    const proceeds = gross.minus(feeInQuote);
    book.realizedPnl = book.realizedPnl.plus(proceeds).minus(soldCost);
    holding.qty = holding.qty.minus(sold);
    holding.cost = holding.qty.isZero() ? ZERO : holding.cost.minus(soldCost);
    book.cashFlow = book.cashFlow.plus(proceeds);
  }
  book.holdings.set(base, holding);
}
