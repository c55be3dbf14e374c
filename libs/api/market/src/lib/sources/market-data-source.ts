import type { Market, MarketDataSourceName, Ticker, Timeframe } from '@lilux/contracts';
import type { CandleRows } from '@lilux/api/simulated-market';

/**
 * Where prices come from. The market service caches and validates around it; the rest of the application only
 * sees the service, so it never knows whether Binance or the simulated feed is behind it.
 */
export interface MarketDataSource {
  readonly name: MarketDataSourceName;
  /** How often live candles and tickers are refreshed from this source. */
  readonly refreshMs: number;
  markets(): Promise<Market[]>;
  ticker(symbol: string, now: number): Promise<Ticker>;
  /** Up to `count` candles opening at or after `from`; closed or not is the caller's concern. */
  candles(symbol: string, timeframe: Timeframe, from: number, count: number): Promise<CandleRows>;
  /** Minutes of price path {@link candles} would generate for these candles now; 0 for an exchange, which is asked instead. */
  minutesToGenerate(symbol: string, timeframe: Timeframe, from: number, count: number): number;
  /** The candle containing `now` as it stands; null when the exchange has none yet. */
  formingCandle(symbol: string, timeframe: Timeframe, now: number): Promise<CandleRows | null>;
}

export const MARKET_DATA_SOURCE = Symbol('MarketDataSource');
