import type { Market } from '@lilux/contracts';
import { applyMarketRules } from './market-rules';
import { money } from './money';

const BTC: Market = {
  symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: '0.01', amountPrecision: '0.00001',
  minAmount: '0.00001', minNotional: '5',
};

describe('applyMarketRules', () => {
  it('rounds quantity down to the step and prices to the nearest tick', () => {
    const result = applyMarketRules(BTC, { side: 'buy', qty: money('0.123456789'), price: money('50000.006'), isLimit: true, sl: money('49000.004'), tp: money('51000.005') });
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
