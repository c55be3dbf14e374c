import { DECIMAL_PATTERN, type FeeRates, type Market, type OrderSide, type OrderType } from '@lilux/contracts';
import Decimal from 'decimal.js';

/** What the trader typed, as typed. */
export interface TicketInput {
  side: OrderSide;
  type: OrderType;
  qty: string;
  price: string;
  sl: string;
  tp: string;
}

export interface TicketContext {
  market: Market;
  /** The last traded price, null until the first ticker arrives. */
  last: string | null;
  /** Free balances of the market's base and quote assets. */
  freeBase: string;
  freeQuote: string;
  fees: FeeRates;
}

export type TicketField = 'qty' | 'price' | 'sl' | 'tp';

export interface TicketEstimate {
  /** The price the estimate assumes: the limit price, or the last price for a market order. */
  price: string;
  /** qty × price in the quote asset. */
  value: string;
  fee: string;
  /** What a buy costs or a sell brings in, fee included. */
  total: string;
}

export interface TicketCheck {
  errors: Partial<Record<TicketField, string>>;
  estimate: TicketEstimate | null;
}

/**
 * The checks the server makes too, made while the trader types, and what the order would cost. The server
 * stays the judge (the price moves, balances change); this spares the trader a round trip for the obvious.
 */
export function checkTicket(input: TicketInput, context: TicketContext): TicketCheck {
  const { market } = context;
  const errors: TicketCheck['errors'] = {};
  const qty = decimalOf(input.qty, 'qty', errors, true);
  const limit = input.type === 'limit' ? decimalOf(input.price, 'price', errors, true) : null;
  const sl = decimalOf(input.sl, 'sl', errors, false);
  const tp = decimalOf(input.tp, 'tp', errors, false);
  const entry = limit ?? (context.last ? new Decimal(context.last) : null);

  if (qty && qty.lt(market.minAmount)) errors.qty = `is below the minimum amount of ${market.minAmount} ${market.base}`;
  else if (qty && entry && qty.mul(entry).lt(market.minNotional)) errors.qty = `is worth less than the minimum order value of ${market.minNotional} ${market.quote}`;

  const long = input.side === 'buy';
  if (entry && sl && !errors.sl && (long ? !sl.lt(entry) : !sl.gt(entry))) errors.sl = `must be ${long ? 'below' : 'above'} the entry price (${entry.toFixed()})`;
  if (entry && tp && !errors.tp && (long ? !tp.gt(entry) : !tp.lt(entry))) errors.tp = `must be ${long ? 'above' : 'below'} the entry price (${entry.toFixed()})`;

  if (!qty || !entry) return { errors, estimate: null };
  const rate = new Decimal(input.type === 'limit' && !isMarketable(input.side, limit, context.last) ? context.fees.maker : context.fees.taker);
  const value = qty.mul(entry);
  const fee = value.mul(rate);
  const total = long ? value.plus(fee) : value.minus(fee);
  if (!errors.qty) {
    if (long && total.gt(context.freeQuote)) errors.qty = `costs ${round(total, market.pricePrecision)} ${market.quote}; ${context.freeQuote} is free`;
    if (!long && qty.gt(context.freeBase)) errors.qty = `is more than the ${context.freeBase} ${market.base} free`;
  }
  return {
    errors,
    estimate: { price: entry.toFixed(), value: round(value, market.pricePrecision), fee: round(fee, '0.00000001'), total: round(total, market.pricePrecision) },
  };
}

/**
 * The quantity that spends `percent` of the free balance: of the quote asset for a buy (the fee included), of
 * the base asset for a sell. Rounded down to the market's step, so it never asks for more than there is.
 */
export function quantityForShare(percent: number, side: OrderSide, price: string | null, context: TicketContext): string {
  const share = new Decimal(percent).div(100);
  const step = new Decimal(context.market.amountPrecision);
  if (side === 'sell') return new Decimal(context.freeBase).mul(share).toNearest(step, Decimal.ROUND_DOWN).toFixed();
  if (!price || new Decimal(price).lte(0)) return '';
  const perUnit = new Decimal(price).mul(new Decimal(1).plus(context.fees.taker));
  return new Decimal(context.freeQuote).mul(share).div(perUnit).toNearest(step, Decimal.ROUND_DOWN).toFixed();
}

function isMarketable(side: OrderSide, limit: Decimal | null, last: string | null): boolean {
  if (!limit || !last) return false;
  return side === 'buy' ? limit.gte(last) : limit.lte(last);
}

function decimalOf(text: string, field: TicketField, errors: TicketCheck['errors'], required: boolean): Decimal | null {
  const value = text.trim();
  if (value === '') {
    if (required) errors[field] = 'is required';
    return null;
  }
  if (!DECIMAL_PATTERN.test(value)) {
    errors[field] = 'must be a positive number such as 0.015';
    return null;
  }
  const decimal = new Decimal(value);
  if (decimal.lte(0)) {
    errors[field] = 'must be more than 0';
    return null;
  }
  return decimal;
}

function round(value: Decimal, step: string): string {
  return value.toNearest(step, Decimal.ROUND_HALF_UP).toFixed();
}
