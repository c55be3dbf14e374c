import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MarketService } from '@lilux/api/market';
import { Transactions } from '@lilux/api/shared';
import { money } from '@lilux/api/orders';
import { Subscription } from 'rxjs';
import { PaperExchange } from './paper-exchange';

/**
 * Drives the paper exchange from the market module's ticks: it follows the ticker of every symbol that has
 * resting orders, and hands each order a tick reaches to the exchange, one at a time and in the order reached.
 */
@Injectable()
export class PaperMatchingEngine implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PaperMatchingEngine.name);
  private readonly watched = new Map<string, Subscription>();
  private indexChanges?: Subscription;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly exchange: PaperExchange,
    private readonly market: MarketService,
    private readonly transactions: Transactions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.indexChanges = this.exchange.restingSymbolsChanged.subscribe(() => this.followRestingSymbols());
    const resumed = await this.transactions.run((manager) => this.exchange.loadRestingOrders(manager));
    if (resumed > 0) this.logger.log(`resumed ${resumed} resting paper order(s)`);
  }

  onApplicationShutdown(): void {
    this.indexChanges?.unsubscribe();
    for (const subscription of this.watched.values()) subscription.unsubscribe();
    this.watched.clear();
  }

  private followRestingSymbols(): void {
    const resting = new Set(this.exchange.index.symbols());
    for (const [symbol, subscription] of this.watched) {
      if (!resting.has(symbol)) {
        subscription.unsubscribe();
        this.watched.delete(symbol);
      }
    }
    for (const symbol of resting) {
      if (this.watched.has(symbol)) continue;
      this.watched.set(
        symbol,
        this.market.watchTicker(symbol).subscribe((ticker) => void this.matchAt(symbol, ticker.last)),
      );
    }
  }

  /** Executes every resting order `last` reaches on `symbol`; resolves when they all have been. */
  matchAt(symbol: string, last: string): Promise<void> {
    const reached = this.exchange.index.takeTriggered(symbol, Number(last));
    for (const trigger of reached) {
      this.queue = this.queue
        .then(() => this.exchange.executeTrigger(trigger, money(last)))
        .catch((error: unknown) => {
          // The order stays open in the database and is picked up again at the next start.
          this.logger.error({ err: error }, `could not execute paper order ${trigger.orderId}`);
        });
    }
    return this.queue;
  }
}
