import type { Market } from '@lilux/contracts';
import { applyMarketRules, checkProtectionLevels, roundToMarket } from './market-rules';
import { money } from './money';

const BTC: Market = {
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  pricePrecision: '0.01',
  amountPrecision: '0.00001',
  minAmount: '0.00001',
  minNotional: '5',
};

describe('roundToMarket', () => {
  const DOGE: Market = { symbol: 'DOGE/USDT', base: 'DOGE', quote: 'USDT', pricePrecision: '0.00001', amountPrecision: '1', minAmount: '1', minNotional: '1' };

  // [case, market, qty, limit price (undefined: a market order near 50000), rounded qty, rounded limit price]
  it.each<[string, Market, string, string | undefined, string, string | undefined]>([
    ['the quantity down and the price to the nearest tick', BTC, '0.123456789', '50000.006', '0.12345', '50000.01'],
    ['a quantity below one step to 0', BTC, '0.000009', '50000', '0', '50000'],
    ['a price exactly half a tick off to the even tick', BTC, '1', '50000.005', '1', '50000'],
    ['whole-coin quantities and five-decimal prices', DOGE, '1234.9', '0.123456', '1234', '0.12346'],
    ['a market order to no limit price', BTC, '0.019999', undefined, '0.01999', undefined],
  ])('brings %s', (_case, market, qty, price, roundedQty, roundedPrice) => {
    const rounded = roundToMarket(market, { side: 'buy', qty: money(qty), price: money(price ?? '50000'), isLimit: price !== undefined });
    expect([rounded.qty.toFixed(), rounded.limitPrice?.toFixed()]).toEqual([roundedQty, roundedPrice]);
  });

  it('rounds the stop-loss and take-profit to the nearest tick', () => {
    const rounded = roundToMarket(BTC, { side: 'buy', qty: money('1'), price: money('50000'), isLimit: false, sl: money('49999.996'), tp: money('0.004') });
    expect([rounded.sl?.toFixed(), rounded.tp?.toFixed()]).toEqual(['50000', '0']);
  });
});

describe('applyMarketRules', () => {
  it('rounds quantity down to the step and prices to the nearest tick', () => {
    const result = applyMarketRules(BTC, {
      side: 'buy',
      qty: money('0.123456789'),
      price: money('50000.006'),
      isLimit: true,
      sl: money('49000.004'),
      tp: money('51000.005'),
    });
    expect(result).toEqual({ qty: money('0.12345'), limitPrice: money('50000.01'), sl: money('49000'), tp: money('51000') });
  });

  it('does decimal arithmetic: 0.1 + 0.2 is 0.3', () => {
    expect(money('0.1').plus('0.2').eq('0.3')).toBe(true);
  });

  it.each([
    ['qty below the minimum amount', { qty: money('0.000001') }, 'qty'],
    ['notional below the minimum', { qty: money('0.00001') }, 'qty'],
    ['buy stop-loss above entry', { sl: money('50001') }, 'sl'],
    ['buy take-profit below entry', { tp: money('49999') }, 'tp'],
    ['a stop-loss that rounds to a price of 0', { sl: money('0.004') }, 'sl'],
  ])('refuses %s', (_name, change, field) => {
    const result = applyMarketRules(BTC, { side: 'buy', qty: money('0.01'), price: money('50000'), isLimit: false, ...change });
    expect(result).toEqual({ fields: { [field]: expect.any(String) } });
  });

  it('wants the bracket the other way round for a sell', () => {
    const wrong = applyMarketRules(BTC, { side: 'sell', qty: money('0.01'), price: money('50000'), isLimit: true, sl: money('49000'), tp: money('51000') });
    expect(wrong).toEqual({ fields: { sl: expect.stringContaining('above'), tp: expect.stringContaining('below') } });
    const right = applyMarketRules(BTC, { side: 'sell', qty: money('0.01'), price: money('50000'), isLimit: true, sl: money('51000'), tp: money('49000') });
    expect('fields' in right).toBe(false);
  });
});

describe('checkProtectionLevels', () => {
  const last = money('50000');

  it('accepts a stop-loss below and a take-profit above the market, on its tick, or either alone', () => {
    expect(checkProtectionLevels(BTC, last, { sl: money('49000.01'), tp: money('51000') })).toEqual({});
    expect(checkProtectionLevels(BTC, last, { tp: money('50000.01') })).toEqual({});
    expect(checkProtectionLevels(BTC, last, {})).toEqual({});
  });

  it.each([
    ['a stop-loss at the market', { sl: money('50000') }, 'sl', 'below the market price (50000)'],
    ['a take-profit below the market', { tp: money('49999') }, 'tp', 'above the market price (50000)'],
    ['a stop-loss off the tick', { sl: money('49000.005') }, 'sl', 'multiple of the price step 0.01'],
    ['a take-profit of 0', { tp: money('0') }, 'tp', 'more than 0'],
  ])('refuses %s, naming the field', (_name, levels, field, problem) => {
    const fields = checkProtectionLevels(BTC, last, levels);
    expect(Object.keys(fields)).toEqual([field]);
    expect(fields[field]).toContain(problem);
  });
});
