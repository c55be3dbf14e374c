import { Logger } from '@nestjs/common';
import { BinanceClientOptions, createBinanceClient } from '@lilux/api/ccxt-client';
import * as ccxt from 'ccxt';
import Decimal from 'decimal.js';
import type { Market, MarketDataSourceName, Ticker, Timeframe } from '@lilux/contracts';
import { CANDLE_FIELDS, CandleRows } from '@lilux/api/simulated-market';
import { Clock, RateLimitBackoff, retryAfterMs } from '@lilux/api/shared';
import { MarketDataUnavailableError, UnknownSymbolError } from '../market-data.errors';
import { MarketDataSource } from './market-data-source';

/** Public market data needs no keys and always reads the live exchange's prices. */
export type CcxtMarketDataOptions = Pick<BinanceClientOptions, 'baseUrl' | 'timeoutMs'>;

const MARKETS_TTL_MS = 24 * 3_600_000;
const FIRST_PAUSE_MS = 1000;
const MAX_PAUSE_MS = 60_000;

/**
 * Binance's public market data through ccxt. ccxt's errors become ours here, and when Binance says we ask too
 * often we stop asking for a while (doubling the pause each time) instead of hammering it into a ban.
 */
export class CcxtMarketData implements MarketDataSource {
  readonly name: MarketDataSourceName = 'binance';
  readonly refreshMs = 2000;
  private readonly exchange: ccxt.binance;
  private readonly logger = new Logger('MarketData');
  private marketsLoadedAt = 0;
  private readonly backoff: RateLimitBackoff;

  constructor(
    options: CcxtMarketDataOptions,
    private readonly clock: Clock,
  ) {
    this.backoff = new RateLimitBackoff(clock, FIRST_PAUSE_MS, MAX_PAUSE_MS);
    this.exchange = createBinanceClient(options);
  }

  /** Whether Binance answers at all, asked once at start-up by `MARKET_DATA=auto`. */
  async probe(timeoutMs: number): Promise<void> {
    const timeout = this.exchange.timeout;
    this.exchange.timeout = timeoutMs;
    try {
      await this.call(() => this.exchange.fetchTime());
    } finally {
      this.exchange.timeout = timeout;
    }
  }

  async markets(): Promise<Market[]> {
    await this.loadMarkets();
    return Object.values(this.exchange.markets ?? {})
      .filter((market): market is ccxt.Market & object => market?.spot === true && market.active !== false)
      .map(toMarket)
      .sort((a, b) => a.symbol.localeCompare(b.symbol));
  }

  async ticker(symbol: string): Promise<Ticker> {
    await this.requireMarket(symbol);
    const ticker = await this.call(() => this.exchange.fetchTicker(symbol));
    return {
      symbol,
      timestamp: ticker.timestamp ?? this.clock.now(),
      last: decimalOrNull(ticker.last ?? ticker.close) ?? '0',
      bid: decimalOrNull(ticker.bid),
      ask: decimalOrNull(ticker.ask),
      open24h: decimalOrNull(ticker.open),
      high24h: decimalOrNull(ticker.high),
      low24h: decimalOrNull(ticker.low),
      change24hPercent: ticker.percentage === undefined ? null : new Decimal(ticker.percentage).toFixed(2),
      baseVolume24h: decimalOrNull(ticker.baseVolume),
    };
  }

  async candles(symbol: string, timeframe: Timeframe, from: number, count: number): Promise<CandleRows> {
    await this.requireMarket(symbol);
    const candles = await this.call(() => this.exchange.fetchOHLCV(symbol, timeframe, from, count));
    return toRows(candles.filter((candle) => (candle[0] ?? 0) >= from).slice(0, count));
  }

  minutesToGenerate(): number {
    return 0;
  }

  async formingCandle(symbol: string, timeframe: Timeframe): Promise<CandleRows | null> {
    await this.requireMarket(symbol);
    const candles = await this.call(() => this.exchange.fetchOHLCV(symbol, timeframe, undefined, 1));
    return candles.length === 0 ? null : toRows(candles.slice(-1));
  }

  private async loadMarkets(): Promise<void> {
    const isStale = this.clock.now() - this.marketsLoadedAt > MARKETS_TTL_MS;
    if (this.marketsLoadedAt > 0 && !isStale) return;
    await this.call(() => this.exchange.loadMarkets(isStale && this.marketsLoadedAt > 0));
    this.marketsLoadedAt = this.clock.now();
  }

  private async requireMarket(symbol: string): Promise<void> {
    await this.loadMarkets();
    if (!this.exchange.markets?.[symbol]?.spot) throw new UnknownSymbolError(symbol);
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    const waitMs = this.backoff.remainingMs();
    if (waitMs > 0) {
      throw new MarketDataUnavailableError(`binance asked us to slow down; retrying in ${Math.ceil(waitMs / 1000)} s`, waitMs / 1000);
    }
    try {
      const result = await request();
      this.backoff.succeeded();
      return result;
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): Error {
    if (error instanceof ccxt.BadSymbol)
      return new UnknownSymbolError(
        String(error.message)
          .split(' ')
          .find((word) => word.includes('/')) ?? 'requested',
      );
    if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection) {
      const pauseMs = this.backoff.refused(retryAfterMs(this.exchange.last_response_headers));
      this.logger.warn(`binance rate limit hit (${error.constructor.name}); pausing market data requests for ${pauseMs} ms`);
      return new MarketDataUnavailableError(`binance asked us to slow down; retrying in ${Math.ceil(pauseMs / 1000)} s`, pauseMs / 1000);
    }
    if (error instanceof ccxt.RequestTimeout) return new MarketDataUnavailableError('binance did not answer in time');
    if (error instanceof ccxt.ExchangeNotAvailable) return new MarketDataUnavailableError('binance is not available');
    if (error instanceof ccxt.NetworkError) return new MarketDataUnavailableError('cannot reach binance');
    if (error instanceof ccxt.BadResponse) return new MarketDataUnavailableError('binance sent an answer we could not read');
    // Binance's -1000 "unknown error" and its kin: ccxt's OperationFailed means "may work if asked again".
    if (error instanceof ccxt.OperationFailed) return new MarketDataUnavailableError('binance is not available');
    this.logger.warn({ err: error }, 'unexpected answer from binance');
    return new MarketDataUnavailableError('binance sent an answer we could not read');
  }
}

function toMarket(market: ccxt.Market & object): Market {
  return {
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    pricePrecision: decimalOrNull(market.precision.price) ?? '0',
    amountPrecision: decimalOrNull(market.precision.amount) ?? '0',
    minAmount: decimalOrNull(market.limits.amount?.min) ?? '0',
    minNotional: decimalOrNull(market.limits.cost?.min) ?? '0',
  };
}

function decimalOrNull(value: number | string | undefined | null): string | null {
  return value === undefined || value === null ? null : new Decimal(value).toFixed();
}

function toRows(candles: ccxt.OHLCV[]): CandleRows {
  const rows = new Float64Array(candles.length * CANDLE_FIELDS);
  candles.forEach((candle, i) =>
    rows.set(
      candle.map((value) => Number(value)),
      i * CANDLE_FIELDS,
    ),
  );
  return rows;
}
