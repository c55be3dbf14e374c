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
 * An order brought to the market's steps, unchecked. Quantities round down (never trade more than asked); prices
 * round to the nearest tick.
 */
export function roundToMarket(market: Market, intent: OrderIntent): RoundedOrder {
  const priceStep = money(market.pricePrecision);
  return {
    qty: floorToStep(intent.qty, money(market.amountPrecision)),
    limitPrice: intent.isLimit ? roundToStep(intent.price, priceStep) : undefined,
    sl: intent.sl && roundToStep(intent.sl, priceStep),
    tp: intent.tp && roundToStep(intent.tp, priceStep),
  };
}

/** An order brought to the market's steps ({@link roundToMarket}) and checked against its limits, or the fields at fault. */
export function applyMarketRules(market: Market, intent: OrderIntent): RoundedOrder | { fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const { qty, limitPrice, sl, tp } = roundToMarket(market, intent);
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
