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

/**
 * The stop-loss and take-profit of a held (long) position checked against the market as it is now: each on the
 * market's tick (not rounded: the trader sees exactly what rests), the stop-loss below the last price and the
 * take-profit above it. Empty when both are right.
 */
export function checkProtectionLevels(market: Market, last: Money, levels: { sl?: Money; tp?: Money }): Record<string, string> {
  const fields: Record<string, string> = {};
  const tick = money(market.pricePrecision);
  for (const [field, level] of [
    ['sl', levels.sl],
    ['tp', levels.tp],
  ] as const) {
    if (!level) continue;
    if (level.lte(ZERO)) fields[field] = 'must be more than 0';
    else if (!level.mod(tick).isZero()) fields[field] = `must be a multiple of the price step ${market.pricePrecision}`;
  }
  if (levels.sl && !fields['sl'] && !levels.sl.lt(last)) fields['sl'] = `must be below the market price (${last.toFixed()})`;
  if (levels.tp && !fields['tp'] && !levels.tp.gt(last)) fields['tp'] = `must be above the market price (${last.toFixed()})`;
  return fields;
}
