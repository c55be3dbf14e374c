import type { Market } from '@lilux/contracts';
import { decimalsFromMarkets, formatFigure } from './asset-figures';

const market = (symbol: string, pricePrecision: string, amountPrecision: string): Market => {
  const [base, quote] = symbol.split('/');
  return { symbol, base, quote, pricePrecision, amountPrecision, minAmount: amountPrecision, minNotional: '5' };
};

describe('decimalsFromMarkets', () => {
  it("gives a base asset its quantity step, a quote asset its markets' coarsest tick, a market its tick", () => {
    const { assets, prices } = decimalsFromMarkets([
      market('BTC/USDT', '0.01', '0.00001'),
      market('DOGE/USDT', '0.00001', '1'),
      market('ETH/BTC', '0.00001', '0.0001'),
    ]);
    expect(Object.fromEntries(assets)).toEqual({ USDT: 2, BTC: 5, DOGE: 0, ETH: 4 });
    expect(Object.fromEntries(prices)).toEqual({ 'BTC/USDT': 2, 'DOGE/USDT': 5, 'ETH/BTC': 5 });
  });
});

describe('formatFigure', () => {
  it('shows every decimal of the precision, rounded, with thousands separators', () => {
    expect(formatFigure('7020.0893378', 2, 'en')).toBe('7,020.09');
    expect(formatFigure('4951.9', 2, 'en')).toBe('4,951.90');
    expect(formatFigure('0.01', 5, 'en')).toBe('0.01000');
    expect(formatFigure('1234567.5', 0, 'en')).toBe('1,234,568');
  });

  it('writes French figures with a decimal comma and narrow no-break spaces', () => {
    expect(formatFigure('7020.0893378', 2, 'fr')).toBe('7\u202f020,09');
  });

  it('keeps the sign of a loss and drops the one of a loss rounded to nothing', () => {
    expect(formatFigure('-1234.567', 2, 'en')).toBe('-1,234.57');
    expect(formatFigure('-0.001', 2, 'en')).toBe('0.00');
  });

  it('shows an asset of no known market at up to eight decimals, without trailing zeros', () => {
    expect(formatFigure('7', undefined, 'en')).toBe('7');
    expect(formatFigure('0.123456789', undefined, 'en')).toBe('0.12345679');
  });
});
