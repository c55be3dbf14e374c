import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { FollowedTickers, MarketService } from '@lilux/api/market';
import { Leadership, LeaseLostError, Transactions } from '@lilux/api/shared';
import { money } from '@lilux/api/orders';
import { skip, Subscription } from 'rxjs';
import { PaperExchange } from './paper-exchange';

/**
 * Drives the paper exchange from the market module's ticks: it follows the ticker of every symbol that has
 * resting orders, and hands each order a tick reaches to the exchange, one at a time and in the order reached.
 * One engine runs per cluster, on the instance that leads the background jobs; another instance's takes over
 * from the database when the leader goes away.
 */
@Injectable()
export class PaperMatchingEngine implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PaperMatchingEngine.name);
  private readonly tickers: FollowedTickers;
  private indexChanges?: Subscription;
  private leadershipChanges?: Subscription;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly exchange: PaperExchange,
    market: MarketService,
    private readonly transactions: Transactions,
    private readonly leadership: Leadership,
  ) {
    this.tickers = new FollowedTickers(market, (symbol, last) => void this.matchAt(symbol, last));
  }

  async onApplicationBootstrap(): Promise<void> {
    // A single process leads from the start: its resting orders are back before it serves anyone.
    if (this.leadership.isLeading) await this.start();
    this.leadershipChanges = this.leadership.isLeading$.pipe(skip(1)).subscribe((isLeading) => void (isLeading ? this.start() : this.stop()));
  }

  onApplicationShutdown(): void {
    this.leadershipChanges?.unsubscribe();
    this.stop();
  }

  private async start(): Promise<void> {
    this.indexChanges = this.exchange.restingSymbolsChanged.subscribe(() => this.tickers.follow(this.exchange.index.symbols()));
    const resumed = await this.transactions.run((manager) => this.exchange.loadRestingOrders(manager));
    if (resumed > 0) this.logger.log(`resumed ${resumed} resting paper order(s)`);
  }

  private stop(): void {
    this.indexChanges?.unsubscribe();
    this.indexChanges = undefined;
    this.tickers.stop();
  }

  /** Executes every resting order `last` reaches on `symbol`; resolves when they all have been. */
  matchAt(symbol: string, last: string): Promise<void> {
    const reached = this.exchange.index.takeTriggered(symbol, Number(last));
    for (const trigger of reached) {
      this.queue = this.queue
        .then(() => this.exchange.executeTrigger(trigger, money(last)))
        .catch((error: unknown) => {
          // The order stays open in the database: the next leader (or this one, after a restart) picks it up.
          if (error instanceof LeaseLostError) this.logger.log(`left paper order ${trigger.id} to the new leader`);
          else this.logger.error({ err: error }, `could not execute paper order ${trigger.id}`);
        });
    }
    return this.queue;
  }
}
