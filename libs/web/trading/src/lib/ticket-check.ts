import { DECIMAL_PATTERN, type FeeRates, type Market, type OrderSide, type OrderType } from '@lilux/contracts';
import { applyMarketRules, floorToStep, Money, money, type OrderIntent, roundToMarket } from '@lilux/order-rules';
import { decimalInput, decimalText, fieldMessage, type LanguageTexts } from '@lilux/web/data-access';

/** What the trader typed, as typed (`0,01` in French). */
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
  /** Free balances of the market's base and quote assets; null when the exchange cannot say now (it judges the order). */
  freeBase: string | null;
  freeQuote: string | null;
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

/** The order's figures brought to the market's steps: what the confirmation shows is what is sent. */
export interface TicketOrder {
  qty: string;
  price?: string;
  sl?: string;
  tp?: string;
}

export interface TicketCheck {
  /** What is wrong with each field, in the console's language. */
  errors: Partial<Record<TicketField, string>>;
  estimate: TicketEstimate | null;
  /** Null until the quantity and price can be read. */
  order: TicketOrder | null;
}

/**
 * The checks the server makes too, made while the trader types, and what the order would cost. The market's rules
 * are the API's own ({@link applyMarketRules}); this adds what only the console knows: what was typed, the fee and
 * the free balances. The server stays the judge (the price moves, balances change); this spares the trader a round
 * trip for the obvious. Figures are read in the console's language (`0,01` in French); the order is in the API's.
 */
export function checkTicket(input: TicketInput, context: TicketContext, language: LanguageTexts): TicketCheck {
  const { market } = context;
  const { t } = language;
  const errors: TicketCheck['errors'] = {};
  const isLimit = input.type === 'limit';
  const read = (field: TicketField, required: boolean) => decimalOf(decimalInput(input[field], language.current()), field, errors, required, language);
  const qty = read('qty', true);
  const limit = isLimit ? read('price', true) : null;
  const sl = read('sl', false);
  const tp = read('tp', false);
  // As the API does: a limit order is judged at its price, a market order at the last price.
  const price = isLimit ? limit : context.last ? money(context.last) : null;
  if (!qty || !price) return { errors, estimate: null, order: null };

  const intent: OrderIntent = { side: input.side, qty, price, isLimit, sl: sl ?? undefined, tp: tp ?? undefined };
  const verdict = applyMarketRules(market, intent);
  if ('fields' in verdict) {
    for (const [field, message] of Object.entries(verdict.fields)) errors[field as TicketField] = fieldMessage(message, language);
  }

  // The estimate is of the order the API would place: its quantity and limit price rounded to the market's steps.
  const order = roundToMarket(market, intent);
  const entry = order.limitPrice ?? price;
  const long = input.side === 'buy';
  const rate = money(isLimit && !isMarketable(input.side, entry, context.last) ? context.fees.maker : context.fees.taker);
  const value = order.qty.mul(entry);
  const fee = value.mul(rate);
  const total = long ? value.plus(fee) : value.minus(fee);
  if (!errors.qty) {
    const figure = (value: string) => decimalText(value, language.current());
    if (long && context.freeQuote !== null && total.gt(context.freeQuote)) {
      errors.qty = t('errors.field.costsMore', { total: figure(round(total, market.pricePrecision)), quote: market.quote, free: figure(context.freeQuote) });
    }
    if (!long && context.freeBase !== null && order.qty.gt(context.freeBase)) {
      errors.qty = t('errors.field.moreThanFree', { free: figure(context.freeBase), base: market.base });
    }
  }
  return {
    errors,
    estimate: { price: entry.toFixed(), value: round(value, market.pricePrecision), fee: round(fee, '0.00000001'), total: round(total, market.pricePrecision) },
    order: {
      qty: order.qty.toFixed(),
      ...(order.limitPrice ? { price: order.limitPrice.toFixed() } : {}),
      ...(order.sl ? { sl: order.sl.toFixed() } : {}),
      ...(order.tp ? { tp: order.tp.toFixed() } : {}),
    },
  };
}

/**
 * The quantity that spends `percent` of the free balance: of the quote asset for a buy (the fee included), of
 * the base asset for a sell. Rounded down to the market's step, so it never asks for more than there is; nothing
 * while the balance is unknown.
 */
export function quantityForShare(percent: number, side: OrderSide, price: string | null, context: TicketContext): string {
  const share = money(percent).div(100);
  const step = money(context.market.amountPrecision);
  if (side === 'sell') return context.freeBase === null ? '' : floorToStep(money(context.freeBase).mul(share), step).toFixed();
  if (!price || money(price).lte(0) || context.freeQuote === null) return '';
  const perUnit = money(price).mul(money(1).plus(context.fees.taker));
  return floorToStep(money(context.freeQuote).mul(share).div(perUnit), step).toFixed();
}

function isMarketable(side: OrderSide, limit: Money, last: string | null): boolean {
  if (!last) return false;
  return side === 'buy' ? limit.gte(last) : limit.lte(last);
}

function decimalOf(value: string, field: TicketField, errors: TicketCheck['errors'], required: boolean, { t, current }: LanguageTexts): Money | null {
  if (value === '') {
    if (required) errors[field] = t('errors.field.required');
    return null;
  }
  if (!DECIMAL_PATTERN.test(value)) {
    errors[field] = t('errors.field.positiveNumber', { example: decimalText('0.015', current()) });
    return null;
  }
  const decimal = money(value);
  if (decimal.lte(0)) {
    errors[field] = t('errors.field.moreThanZero');
    return null;
  }
  return decimal;
}

function round(value: Money, step: string): string {
  return value.toNearest(step, Money.ROUND_HALF_UP).toFixed();
}

/**
 * The question the confirmation asks, in the figures that will be sent, in the console's language:
 * "Limit buy 0.01 BTC at 98000.12, stop-loss 97000?"
 */
export function confirmationOf(side: OrderSide, type: OrderType, order: TicketOrder, base: string, language: LanguageTexts): string {
  const { t } = language;
  const figure = (value: string) => decimalText(value, language.current());
  const qty = figure(order.qty);
  const what =
    type === 'limit' && order.price
      ? t(side === 'buy' ? 'ticket.confirm.limitBuy' : 'ticket.confirm.limitSell', { qty, base, price: figure(order.price) })
      : t(side === 'buy' ? 'ticket.confirm.buy' : 'ticket.confirm.sell', { qty, base });
  const exits = [
    order.sl ? t('ticket.confirm.stopLoss', { price: figure(order.sl) }) : '',
    order.tp ? t('ticket.confirm.takeProfit', { price: figure(order.tp) }) : '',
  ];
  return t('ticket.confirm.question', { order: `${what}${exits.join('')}` });
}
