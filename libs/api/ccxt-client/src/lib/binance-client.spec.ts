import { createBinanceClient } from './binance-client';

describe('createBinanceClient', () => {
  it('points every public and private spot call at the configured base URL', () => {
    const exchange = createBinanceClient({ baseUrl: 'http://127.0.0.1:9/api/v3', timeoutMs: 1500 });
    const api = exchange.urls['api'] as Record<string, string>;
    expect([api['public'], api['private']]).toEqual(['http://127.0.0.1:9/api/v3', 'http://127.0.0.1:9/api/v3']);
    expect(exchange.timeout).toBe(1500);
    expect(exchange.apiKey).toBeFalsy();
  });

  it("uses Binance's testnet in sandbox mode, with the account's keys", () => {
    const exchange = createBinanceClient({ timeoutMs: 1000, sandbox: true, keys: { apiKey: 'key', secret: 'secret' } });
    expect((exchange.urls['api'] as Record<string, string>)['public']).toContain('testnet.binance.vision');
    expect([exchange.apiKey, exchange.secret]).toEqual(['key', 'secret']);
  });

  it('trades spot only and does not ask for currencies', () => {
    const { options } = createBinanceClient({ timeoutMs: 1000 });
    expect(options).toMatchObject({ defaultType: 'spot', fetchCurrencies: false, adjustForTimeDifference: false });
  });
});
