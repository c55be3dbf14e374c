import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@lilux/api/shared';

export class UnknownSymbolError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  override readonly fields: Record<string, string>;

  constructor(symbol: string) {
    super(`symbol ${symbol} is not a market here; GET /api/markets lists them`);
    this.fields = { symbol: 'is not a known market' };
  }
}

/** The exchange could not be asked (down, slow, refusing us); nothing the client did wrong. */
export class MarketDataUnavailableError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  override readonly retryAfterSeconds?: number;

  constructor(reason: string, retryAfterSeconds?: number) {
    super(`market data unavailable: ${reason}`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Candles are asked for from a time that has not come yet. */
export class SinceInFutureError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  override readonly fields = { since: 'is later than now' };

  constructor() {
    super('since is later than now: there are no candles yet');
  }
}

/** A user has had as much candle history generated as the simulated feed allows for now. */
export class ColdCandleBudgetSpentError extends DomainError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  override readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(`too much uncached candle history asked for lately; cached candles still answer, more history in ${Math.ceil(retryAfterSeconds)} s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
