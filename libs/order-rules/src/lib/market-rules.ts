import type { Market, OrderSide } from '@lilux/contracts';
import { Money, floorToStep, money, roundToStep, ZERO } from './money';

export interface OrderIntent {
  side: OrderSide;
  qty: Money;
  /** The limit price, or for a market order the price it is expected to fill near. */
  price: Money;
  isLimit: boolean;
  sl?: Money;
  tp?: Money;
}

export interface RoundedOrder {
  qty: Money;
  limitPrice?: Money;
  sl?: Money;
  tp?: Money;
}

/**
 * An order brought to the market's steps and checked against its limits, or the fields at fault. Quantities
 * round down (never trade more than asked); prices round to the nearest tick.
 */
export function applyMarketRules(market: Market, intent: OrderIntent): RoundedOrder | { fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const amountStep = money(market.amountPrecision);
  const priceStep = money(market.pricePrecision);
  const qty = floorToStep(intent.qty, amountStep);
  const limitPrice = intent.isLimit ? roundToStep(intent.price, priceStep) : undefined;
  const sl = intent.sl && roundToStep(intent.sl, priceStep);
  const tp = intent.tp && roundToStep(intent.tp, priceStep);
  const entry = limitPrice ?? intent.price;

  if (qty.lt(money(market.minAmount)) || qty.lte(ZERO)) {
    fields['qty'] = `is below the minimum amount of ${market.minAmount} ${market.base} (step ${market.amountPrecision})`;
  } else if (qty.mul(entry).lt(money(market.minNotional))) {
    fields['qty'] = `is worth less than the minimum order value of ${market.minNotional} ${market.quote}`;
  }
  if (limitPrice && limitPrice.lte(ZERO)) fields['price'] = `is below the price step of ${market.pricePrecision}`;
  if (sl && sl.lte(ZERO)) fields['sl'] = `is below the price step of ${market.pricePrecision}`;
  if (tp && tp.lte(ZERO)) fields['tp'] = `is below the price step of ${market.pricePrecision}`;
  const long = intent.side === 'buy';
  if (sl && !fields['sl'] && (long ? !sl.lt(entry) : !sl.gt(entry))) {
    fields['sl'] = `must be ${long ? 'below' : 'above'} the entry price (${entry.toFixed()}) for a ${intent.side}`;
  }
  if (tp && !fields['tp'] && (long ? !tp.gt(entry) : !tp.lt(entry))) {
    fields['tp'] = `must be ${long ? 'above' : 'below'} the entry price (${entry.toFixed()}) for a ${intent.side}`;
  }
  if (Object.keys(fields).length > 0) return { fields };
  return { qty, limitPrice, sl, tp };
}
