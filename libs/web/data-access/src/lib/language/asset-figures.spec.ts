import type { Market } from '@lilux/contracts';
import { decimalsFromMarkets, figuresFor, formatFigure } from './asset-figures';

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

describe('figuresFor', () => {
  const markets = [market('BTC/USDT', '0.01', '0.00001')];
  const english = figuresFor(markets, 'en');
  const french = figuresFor(markets, 'fr');

  it("writes amounts at the asset's precision and prices at the market's tick, in the language", () => {
    expect(english.amount('0.01', 'BTC/USDT')).toBe('0.01000');
    expect(english.price('98000', 'BTC/USDT')).toBe('98,000.00');
    expect(french.amount('7020.0893378', 'USDT')).toBe('7\u202f020,09');
    expect(french.price('98000', 'BTC/USDT')).toBe('98\u202f000,00');
    expect(english.amount(null, 'BTC')).toBe('');
  });

  it('writes a volume at up to two decimals, trailing zeros dropped', () => {
    expect(english.volume('1234.5')).toBe('1,234.5');
    expect(french.volume('1234.5')).toBe('1\u202f234,5');
    expect(english.volume('98765.4321')).toBe('98,765.43');
    expect(english.volume('12')).toBe('12');
  });

  it('signs a change in percent and writes it as the language does', () => {
    expect(english.percent('1.234')).toBe('+1.23%');
    expect(french.percent('1.234')).toBe('+1,23\u202f%');
    expect(french.percent('-0.5')).toBe('-0,50\u202f%');
    expect(english.percent('0')).toBe('0.00%');
    expect(english.percent('-0.001')).toBe('0.00%');
  });
});
