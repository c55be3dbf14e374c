import type { AccountProblemEvent } from './account-problems';
import type { NotificationEvent } from './alerts';
import type { OrderEvent } from './orders';

/** Candle widths the API serves, narrowest first. */
export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

export const OHLCV_LIMIT_MAX = 1000;
export const OHLCV_LIMIT_DEFAULT = 500;

/** `BASE/QUOTE` in capitals, as ccxt writes unified symbols. */
export const SYMBOL_PATTERN = /^[A-Z0-9]{2,12}\/[A-Z0-9]{2,12}$/;

/** A tradable pair and the exchange's rules for orders on it. Decimal values are strings. */
export interface Market {
  symbol: string;
  base: string;
  quote: string;
  /** Smallest price step, e.g. "0.01". */
  pricePrecision: string;
  /** Smallest quantity step, e.g. "0.00001". */
  amountPrecision: string;
  minAmount: string;
  /** Smallest order value in the quote currency. */
  minNotional: string;
}

export interface MarketList {
  markets: Market[];
}

/** `[open time (ms), open, high, low, close, base volume]`, numbers for charting, as ccxt returns them. */
export type Candle = [number, number, number, number, number, number];

export interface Ticker {
  symbol: string;
  /** Time of the price, ms since the epoch. */
  timestamp: number;
  last: string;
  bid: string | null;
  ask: string | null;
  open24h: string | null;
  high24h: string | null;
  low24h: string | null;
  /** Percent change over 24 hours, e.g. "-1.25". */
  change24hPercent: string | null;
  baseVolume24h: string | null;
}

export const MARKET_DATA_MODES = ['auto', 'simulated', 'binance'] as const;
export type MarketDataMode = (typeof MARKET_DATA_MODES)[number];
export type MarketDataSourceName = 'simulated' | 'binance';

export interface MarketStatus {
  /** Where prices come from since start-up; never changes while the server runs. */
  source: MarketDataSourceName;
  /** What `MARKET_DATA` asked for. */
  mode: MarketDataMode;
  /** Why `auto` fell back to the simulated feed, if it did. */
  reason?: string;
  /** ISO time the source was chosen. */
  since: string;
  symbols: number;
}

/** Messages a browser sends on the `/ws` socket. */
export type LiveClientMessage =
  | { type: 'subscribe'; channel: 'candles'; symbol: string; timeframe: Timeframe }
  | { type: 'unsubscribe'; channel: 'candles'; symbol: string; timeframe: Timeframe }
  | { type: 'subscribe'; channel: 'ticker'; symbol: string }
  | { type: 'unsubscribe'; channel: 'ticker'; symbol: string };

/** An event of the signed-in user's orders, alerts and notifications, sent to every socket of that user. */
export type LiveUserMessage = { type: 'user' } & (OrderEvent | NotificationEvent | AccountProblemEvent);

/** Messages the server sends on the `/ws` socket. */
export type LiveServerMessage =
  | { type: 'candle'; symbol: string; timeframe: Timeframe; candle: Candle }
  | { type: 'ticker'; ticker: Ticker }
  | { type: 'subscribed' | 'unsubscribed'; channel: 'candles' | 'ticker'; symbol: string; timeframe?: Timeframe }
  | LiveUserMessage
  | { type: 'error'; message: string };

/** Sub-protocol a browser offers with its token, since browsers cannot set headers on a WebSocket. */
export const LIVE_PROTOCOL = 'lilux.v1';
export const LIVE_TOKEN_PROTOCOL_PREFIX = 'bearer.';
