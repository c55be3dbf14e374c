import { Inject, Injectable } from '@nestjs/common';
import { Candle, Market, MarketStatus, OHLCV_LIMIT_DEFAULT, Ticker, TIMEFRAME_MS, Timeframe } from '@lilux/contracts';
import { CANDLE_FIELDS, CandleRows } from '@lilux/api/simulated-market';
import { Clock } from '@lilux/api/shared';
import { EMPTY, Observable, catchError, distinctUntilChanged, exhaustMap, filter, finalize, from, share, timer } from 'rxjs';
import { ColdCandleBudget } from './budget/cold-candle-budget';
import { CandleCache } from './cache/candle-cache';
import { SinceInFutureError, UnknownSymbolError } from './market-data.errors';
import { MarketDataSource } from './sources/market-data-source';

/** The source chosen at start-up and what the status endpoint says about it. */
export interface MarketSourceChoice {
  source: MarketDataSource;
  status: Omit<MarketStatus, 'symbols'>;
}
export const MARKET_SOURCE_CHOICE = Symbol('MarketSourceChoice');

/** Listings and their rules change rarely; Binance announces them days ahead. */
const MARKETS_REFRESH_MS = 86_400_000;
/** Distinct candle answers kept per tick of the source: what charts ask, not every `since` a client can make up. */
const MAX_CANDLE_BODIES_PER_TICK = 1000;

export interface CandleQuery {
  symbol: string;
  timeframe: Timeframe;
  limit?: number;
  /** Earliest open time wanted (ms); without it, the latest candles up to the forming one. */
  since?: number;
}

/**
 * Everything the application knows about prices. Callers never learn whether they come from Binance or the
 * simulated feed; closed candles are served from the cache, the forming candle always fresh.
 */
@Injectable()
export class MarketService {
  private readonly source: MarketDataSource;
  private readonly liveCandles = new Map<string, Observable<Candle>>();
  private readonly liveTickers = new Map<string, Observable<Ticker>>();
  private marketsBySymbol = new Map<string, Market>();
  private marketsLoadedAt = Number.NEGATIVE_INFINITY;
  private readonly latest = new Map<string, { tick: number; value: Promise<unknown> }>();
  /** Candle answers as the JSON sent, of the current tick of the source only. */
  private readonly candleBodies = new Map<string, string>();
  private candleBodiesTick = Number.NEGATIVE_INFINITY;

  constructor(
    @Inject(MARKET_SOURCE_CHOICE) private readonly choice: MarketSourceChoice,
    private readonly cache: CandleCache,
    private readonly coldCandles: ColdCandleBudget,
    private readonly clock: Clock,
  ) {
    this.source = choice.source;
  }

  async status(): Promise<MarketStatus> {
    const symbols = await this.markets().then(
      (markets) => markets.length,
      () => 0,
    );
    return { ...this.choice.status, symbols };
  }

  async markets(): Promise<Market[]> {
    if (this.clock.now() - this.marketsLoadedAt > MARKETS_REFRESH_MS) {
      const markets = await this.source.markets();
      this.marketsBySymbol = new Map(markets.map((market) => [market.symbol, market]));
      this.marketsLoadedAt = this.clock.now();
    }
    return [...this.marketsBySymbol.values()];
  }

  /** The market's rules; an unknown symbol is the caller's mistake (400). */
  async market(symbol: string): Promise<Market> {
    await this.markets();
    const market = this.marketsBySymbol.get(symbol);
    if (!market) throw new UnknownSymbolError(symbol);
    return market;
  }

  async ticker(symbol: string): Promise<Ticker> {
    await this.market(symbol);
    return this.latestTicker(symbol);
  }

  /** {@link ticker} as the JSON the API answers, serialized once per tick of the source for every caller. */
  async tickerJson(symbol: string): Promise<string> {
    await this.market(symbol);
    return this.latestOf(`ticker-json|${symbol}`, () => this.latestTicker(symbol).then((ticker) => JSON.stringify(ticker)));
  }

  /**
   * {@link candles} as the JSON the API answers, serialized once per tick of the source (the forming candle
   * moves with it) for every caller asking the same window. A window served from here was generated within the
   * tick, so it costs no one's cold-candle budget.
   */
  async candlesJson(query: CandleQuery, requestedBy?: string): Promise<string> {
    const now = this.clock.now();
    const tick = Math.floor(now / this.source.refreshMs);
    if (tick !== this.candleBodiesTick) {
      this.candleBodies.clear();
      this.candleBodiesTick = tick;
    }
    // The forming candle's start too: a tick of a source whose refresh does not divide the timeframe may straddle it.
    const formingIndex = Math.floor(now / TIMEFRAME_MS[query.timeframe]);
    const key = `${query.symbol}|${query.timeframe}|${query.limit ?? OHLCV_LIMIT_DEFAULT}|${query.since ?? ''}|${formingIndex}`;
    const cached = this.candleBodies.get(key);
    if (cached !== undefined) return cached;
    const body = JSON.stringify(await this.candles(query, requestedBy));
    if (this.candleBodiesTick === tick && this.candleBodies.size < MAX_CANDLE_BODIES_PER_TICK) this.candleBodies.set(key, body);
    return body;
  }

  /**
   * Candles of a series. `requestedBy` (a user id) pays for the candles that must be generated, from a budget
   * of its own; the application's own reads, bounded by what it does, pass none.
   */
  async candles({ symbol, timeframe, limit = OHLCV_LIMIT_DEFAULT, since }: CandleQuery, requestedBy?: string): Promise<Candle[]> {
    await this.market(symbol);
    const width = TIMEFRAME_MS[timeframe];
    const now = this.clock.now();
    if (since !== undefined && since > now) throw new SinceInFutureError();
    const formingStart = Math.floor(now / width) * width;
    const start = since === undefined ? formingStart - (limit - 1) * width : Math.ceil(since / width) * width;
    const end = Math.min(start + limit * width, formingStart + width);
    if (start >= end) return [];
    const series = `${this.source.name}|${symbol}`;
    const closedEnd = Math.min(end, formingStart);
    if (requestedBy !== undefined) {
      const minutes = this.cache
        .missing(series, width, start, closedEnd)
        .reduce((sum, gap) => sum + this.source.minutesToGenerate(symbol, timeframe, gap.from, gap.count), 0);
      this.coldCandles.spend(requestedBy, minutes);
    }
    const closed = await this.cache.closedCandles(series, width, start, closedEnd, (from, count) => this.source.candles(symbol, timeframe, from, count));
    const candles = closed.flatMap(toCandles);
    if (end > formingStart) {
      const forming = await this.latestFormingCandle(symbol, timeframe);
      if (forming && forming[0] === formingStart) candles.push(...toCandles(forming));
    }
    return candles;
  }

  /**
   * The forming candle of a series each time it changes. Subscribers of one series share one poll of the
   * source, which stops when the last one leaves.
   */
  watchCandles(symbol: string, timeframe: Timeframe): Observable<Candle> {
    const key = `${symbol}|${timeframe}`;
    let stream = this.liveCandles.get(key);
    if (!stream) {
      stream = this.poll(
        async () => {
          const rows = await this.latestFormingCandle(symbol, timeframe);
          return rows ? toCandles(rows)[0] : undefined;
        },
        (a, b) => a.every((value, i) => value === b[i]),
      ).pipe(
        finalize(() => this.liveCandles.delete(key)),
        share(),
      );
      this.liveCandles.set(key, stream);
    }
    return stream;
  }

  /** The ticker of a symbol each time its price moves; shared like {@link watchCandles}. */
  watchTicker(symbol: string): Observable<Ticker> {
    let stream = this.liveTickers.get(symbol);
    if (!stream) {
      stream = this.poll(
        () => this.latestTicker(symbol),
        (a, b) => a.last === b.last && a.timestamp === b.timestamp,
      ).pipe(
        finalize(() => this.liveTickers.delete(symbol)),
        share(),
      );
      this.liveTickers.set(symbol, stream);
    }
    return stream;
  }

  private latestTicker(symbol: string): Promise<Ticker> {
    return this.latestOf(`ticker|${symbol}`, () => this.source.ticker(symbol, this.clock.now()));
  }

  private latestFormingCandle(symbol: string, timeframe: Timeframe): Promise<CandleRows | null> {
    return this.latestOf(`forming|${symbol}|${timeframe}`, () => this.source.formingCandle(symbol, timeframe, this.clock.now()));
  }

  /**
   * What the source says now, read at most once per refresh of the source (a second for the simulated feed,
   * whose prices move once a second). Requests and live streams asking at the same time share one read, so a
   * busy console costs Binance one request per series per refresh, and the simulated path is walked once.
   */
  private latestOf<T>(key: string, read: () => Promise<T>): Promise<T> {
    const tick = Math.floor(this.clock.now() / this.source.refreshMs);
    const cached = this.latest.get(key);
    if (cached?.tick === tick) return cached.value as Promise<T>;
    const value = read();
    this.latest.set(key, { tick, value });
    // A failed read is not kept: the next caller asks again.
    value.catch(() => this.latest.get(key)?.value === value && this.latest.delete(key));
    return value;
  }

  private poll<T>(read: () => Promise<T | undefined>, isSame: (a: T, b: T) => boolean): Observable<T> {
    return timer(0, this.source.refreshMs).pipe(
      // A slow exchange must not pile up requests: skip ticks while one is in flight, and ride out failures
      // (the REST endpoints report them; a live chart just keeps its last candle).
      exhaustMap(() => from(read()).pipe(catchError(() => EMPTY))),
      filter((value): value is T => value !== undefined),
      distinctUntilChanged(isSame),
    );
  }
}

function toCandles(rows: CandleRows): Candle[] {
  const candles: Candle[] = [];
  for (let i = 0; i < rows.length; i += CANDLE_FIELDS) {
    candles.push([rows[i], rows[i + 1], rows[i + 2], rows[i + 3], rows[i + 4], rows[i + 5]]);
  }
  return candles;
}
