import { DEFAULT_CHART_SETTINGS, parseChartSettings } from './chart-settings';

describe('parseChartSettings', () => {
  it('reads back what was saved', () => {
    const saved = { symbol: 'ETH/USDT', timeframe: '4h', averages: [7, 99], visibleCandles: 300 };
    expect(parseChartSettings(JSON.stringify(saved))).toEqual(saved);
  });

  it('starts from the defaults with nothing stored or something unreadable', () => {
    expect(parseChartSettings(null)).toEqual(DEFAULT_CHART_SETTINGS);
    expect(parseChartSettings('{not json')).toEqual(DEFAULT_CHART_SETTINGS);
    expect(parseChartSettings('42')).toEqual(DEFAULT_CHART_SETTINGS);
  });

  it('keeps the parts that are right and replaces the ones that are not', () => {
    const stored = JSON.stringify({ symbol: 'ETH/USDT', timeframe: '2m', averages: [7, -8, 'x'], visibleCandles: 5 });
    expect(parseChartSettings(stored)).toEqual({ symbol: 'ETH/USDT', timeframe: '1m', averages: [7], visibleCandles: 120 });
    expect(parseChartSettings(JSON.stringify({ symbol: '<script>' })).symbol).toBe('BTC/USDT');
  });
});
