import * as ccxt from 'ccxt';

export interface BinanceClientOptions {
  /** Binance spot REST base (`…/api/v3`); Binance's own when absent. Operator configuration, never a user's. */
  baseUrl?: string;
  timeoutMs: number;
  /** Binance's spot testnet instead of the live exchange. */
  sandbox?: boolean;
  /** An account's decrypted keys; none for public market data. */
  keys?: { apiKey: string; secret: string };
}

/**
 * The one way Lilux builds a ccxt Binance client, for market data and for accounts alike: spot only, ccxt's
 * rate limiter on, no clock adjustment, and currencies not asked for (they come from the wallet API, which a
 * spot-trading key need not be allowed to read). Only the operator's configuration shapes it; nothing a user
 * sends reaches ccxt but the keys.
 */
export function createBinanceClient(options: BinanceClientOptions): ccxt.binance {
  const exchange = new ccxt.binance({
    ...(options.keys ? { apiKey: options.keys.apiKey, secret: options.keys.secret } : {}),
    enableRateLimit: true,
    timeout: options.timeoutMs,
    options: { defaultType: 'spot', fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, adjustForTimeDifference: false },
  });
  if (options.sandbox) exchange.setSandboxMode(true);
  if (options.baseUrl) {
    const api = exchange.urls['api'] as Record<string, string>;
    exchange.urls['api'] = { ...api, public: options.baseUrl, private: options.baseUrl };
  }
  return exchange;
}
