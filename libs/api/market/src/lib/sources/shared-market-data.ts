import type { Market, MarketDataSourceName, Ticker, Timeframe } from '@lilux/contracts';
import type { CandleRows } from '@lilux/api/simulated-market';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { MarketDataUnavailableError } from '../market-data.errors';
import { MarketDataSource } from './market-data-source';

const WAIT_STEP_MS = 25;

type Shared<T> = { value: T } | { error: string; retryAfterSeconds?: number };

/**
 * An exchange's live prices read once per cluster: the first instance to ask for a series in a refresh period
 * reads it from the exchange and leaves it in Redis, and every other instance takes it from there, so N
 * instances cost the exchange what one does. A rate limit one instance meets pauses all of them. Listings and
 * closed candles (which never change, and which each instance caches) go to the exchange directly.
 */
export class SharedMarketData implements MarketDataSource {
  readonly name: MarketDataSourceName;
  readonly refreshMs: number;
  private readonly me = randomUUID();

  constructor(
    private readonly source: MarketDataSource,
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly timeoutMs: number,
  ) {
    this.name = source.name;
    this.refreshMs = source.refreshMs;
  }

  markets(): Promise<Market[]> {
    return this.source.markets();
  }

  candles(symbol: string, timeframe: Timeframe, from: number, count: number): Promise<CandleRows> {
    return this.source.candles(symbol, timeframe, from, count);
  }

  minutesToGenerate(symbol: string, timeframe: Timeframe, from: number, count: number): number {
    return this.source.minutesToGenerate(symbol, timeframe, from, count);
  }

  ticker(symbol: string, now: number): Promise<Ticker> {
    return this.once(`ticker|${symbol}`, now, () => this.source.ticker(symbol, now));
  }

  async formingCandle(symbol: string, timeframe: Timeframe, now: number): Promise<CandleRows | null> {
    const rows = await this.once(`forming|${symbol}|${timeframe}`, now, async () => {
      const forming = await this.source.formingCandle(symbol, timeframe, now);
      return forming ? [...forming] : null;
    });
    return rows ? Float64Array.from(rows) : null;
  }

  private async once<T>(series: string, now: number, read: () => Promise<T>): Promise<T> {
    const key = `${this.prefix}:market:${series}:${Math.floor(now / this.refreshMs)}`;
    const keepMs = this.refreshMs * 5;
    if (await this.redis.set(`${key}:reader`, this.me, 'PX', keepMs, 'NX')) {
      const shared = await this.readFromExchange(read);
      await this.redis.set(key, JSON.stringify(shared), 'PX', keepMs);
      return valueOf(shared);
    }
    // Another instance is reading it: wait for what it found, as long as a read of our own could take.
    const deadline = Date.now() + this.timeoutMs;
    while (Date.now() < deadline) {
      const stored = await this.redis.get(key);
      if (stored !== null) return valueOf(JSON.parse(stored) as Shared<T>);
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
    throw new MarketDataUnavailableError('the instance reading the exchange for the cluster did not answer in time');
  }

  private async readFromExchange<T>(read: () => Promise<T>): Promise<Shared<T>> {
    const pausedMs = await this.redis.pttl(`${this.prefix}:market:paused`);
    if (pausedMs > 0) {
      const seconds = pausedMs / 1000;
      return { error: `binance asked us to slow down; retrying in ${Math.ceil(seconds)} s`, retryAfterSeconds: seconds };
    }
    try {
      return { value: await read() };
    } catch (error) {
      if (!(error instanceof MarketDataUnavailableError)) throw error;
      // The exchange's pause holds for the whole cluster, not for this instance alone.
      if (error.retryAfterSeconds) await this.redis.set(`${this.prefix}:market:paused`, '1', 'PX', Math.ceil(error.retryAfterSeconds * 1000));
      return { error: error.message.replace(/^market data unavailable: /, ''), retryAfterSeconds: error.retryAfterSeconds };
    }
  }
}

function valueOf<T>(shared: Shared<T>): T {
  if ('value' in shared) return shared.value;
  throw new MarketDataUnavailableError(shared.error, shared.retryAfterSeconds);
}
