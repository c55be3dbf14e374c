import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Candle, MarketList, MarketStatus, Ticker, Timeframe } from '@lilux/contracts';
import { firstValueFrom } from 'rxjs';

/** Markets, prices and candles, from whichever source the server chose at start-up. */
@Injectable({ providedIn: 'root' })
export class MarketApi {
  private readonly http = inject(HttpClient);

  async markets(): Promise<MarketList['markets']> {
    return (await firstValueFrom(this.http.get<MarketList>('/api/markets'))).markets;
  }

  status(): Promise<MarketStatus> {
    return firstValueFrom(this.http.get<MarketStatus>('/api/market/status'));
  }

  ticker(symbol: string): Promise<Ticker> {
    return firstValueFrom(this.http.get<Ticker>('/api/ticker', { params: { symbol } }));
  }

  /** Candles ending now, or the `limit` candles starting at `since` (ms). */
  ohlcv(symbol: string, timeframe: Timeframe, limit: number, since?: number): Promise<Candle[]> {
    let params = new HttpParams().set('symbol', symbol).set('timeframe', timeframe).set('limit', limit);
    if (since !== undefined) params = params.set('since', since);
    return firstValueFrom(this.http.get<Candle[]>('/api/ohlcv', { params }));
  }
}
