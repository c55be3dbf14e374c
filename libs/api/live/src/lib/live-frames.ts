import { Injectable } from '@nestjs/common';
import type { LiveServerMessage, Timeframe } from '@lilux/contracts';
import { MarketService } from '@lilux/api/market';
import { Observable, finalize, map, share } from 'rxjs';

/**
 * The market frames of the socket, each serialized once per tick and shared by every socket that follows the
 * series: a thousand sockets on one chart cost one JSON.stringify and one buffer per tick, not a thousand.
 */
@Injectable()
export class LiveFrames {
  private readonly streams = new Map<string, Observable<Buffer>>();

  constructor(private readonly market: MarketService) {}

  candles(symbol: string, timeframe: Timeframe): Observable<Buffer> {
    return this.shared(`candles|${symbol}|${timeframe}`, () =>
      this.market.watchCandles(symbol, timeframe).pipe(map((candle) => serializeFrame({ type: 'candle', symbol, timeframe, candle }))),
    );
  }

  ticker(symbol: string): Observable<Buffer> {
    return this.shared(`ticker|${symbol}`, () => this.market.watchTicker(symbol).pipe(map((ticker) => serializeFrame({ type: 'ticker', ticker }))));
  }

  private shared(key: string, create: () => Observable<Buffer>): Observable<Buffer> {
    let stream = this.streams.get(key);
    if (!stream) {
      stream = create().pipe(
        finalize(() => this.streams.delete(key)),
        share(),
      );
      this.streams.set(key, stream);
    }
    return stream;
  }
}

/** A message as the bytes of a text frame: ws sends a buffer as it is, where it would encode a string per socket. */
export function serializeFrame(message: LiveServerMessage): Buffer {
  return Buffer.from(JSON.stringify(message));
}
