import { Subscription } from 'rxjs';
import type { MarketService } from './market.service';

/**
 * The live tickers of a set of symbols that changes as its owner's work does (resting orders, price alerts): each
 * symbol followed once while it is wanted, and let go as soon as it is not.
 */
export class FollowedTickers {
  private readonly followed = new Map<string, Subscription>();

  constructor(
    private readonly market: MarketService,
    private readonly onTick: (symbol: string, last: string) => void,
  ) {}

  /** Follows exactly `symbols` from now on. */
  follow(symbols: Iterable<string>): void {
    const wanted = new Set(symbols);
    for (const [symbol, subscription] of this.followed) {
      if (wanted.has(symbol)) continue;
      subscription.unsubscribe();
      this.followed.delete(symbol);
    }
    for (const symbol of wanted) {
      if (this.followed.has(symbol)) continue;
      this.followed.set(
        symbol,
        this.market.watchTicker(symbol).subscribe((ticker) => this.onTick(symbol, ticker.last)),
      );
    }
  }

  stop(): void {
    this.follow([]);
  }
}
