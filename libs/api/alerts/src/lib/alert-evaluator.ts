import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { FollowedTickers, MarketService } from '@lilux/api/market';
import { Clock, ClusterBus, Leadership, LeaseLostError, Transactions } from '@lilux/api/shared';
import { skip, Subscription } from 'rxjs';
import { AlertBook, WatchedAlert } from './alert-book';
import { AlertFiring, cooledDownAt } from './alert-firing';
import { PriceAlertEntity } from './entities/price-alert.entity';

/** The cluster bus channel on which any instance tells the leader that an alert was created, changed or deleted. */
const ALERT_CHANGES = 'price-alerts';
/** After a firing failed for another reason than a lost lease (the database away), the alert is tried again. */
const RETRY_AFTER_FAILURE_MS = 5000;

/**
 * Evaluates the active price alerts on the market module's ticks, on the instance that leads the background jobs
 * (as the paper matching engine does): it follows the ticker of every symbol with active alerts, asks the
 * {@link AlertBook} which ones a tick fires, and fires them one at a time. A repeating alert goes back into the
 * book once its cooldown is over. Another instance's evaluator takes over from the database when the leader goes.
 */
@Injectable()
export class AlertEvaluator implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertEvaluator.name);
  readonly book = new AlertBook();
  private readonly tickers: FollowedTickers;
  private readonly rearms = new Map<string, NodeJS.Timeout>();
  private leadershipChanges?: Subscription;
  private queue: Promise<void> = Promise.resolve();
  private isRunning = false;

  constructor(
    private readonly firing: AlertFiring,
    market: MarketService,
    private readonly transactions: Transactions,
    private readonly leadership: Leadership,
    private readonly bus: ClusterBus,
    private readonly clock: Clock,
  ) {
    this.tickers = new FollowedTickers(market, (symbol, last) => void this.evaluate(symbol, last));
  }

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(ALERT_CHANGES, (message) => {
      if (this.isRunning) void this.reload((message as { id: string }).id);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // A single process leads from the start: its alerts are armed before it serves anyone.
    if (this.leadership.isLeading) await this.start();
    this.leadershipChanges = this.leadership.isLeading$.pipe(skip(1)).subscribe((isLeading) => void (isLeading ? this.start() : this.stop()));
  }

  onApplicationShutdown(): void {
    this.leadershipChanges?.unsubscribe();
    this.stop();
  }

  /** An alert was created, changed or deleted (on any instance): the leader reads it again. After the commit only. */
  changed(id: string): void {
    this.bus.publish(ALERT_CHANGES, { id }).catch((error: unknown) => this.logger.warn({ err: error }, 'could not tell the evaluator of an alert change'));
  }

  /** Fires every alert `last` reaches on `symbol`; resolves when they all have been. */
  evaluate(symbol: string, last: string): Promise<void> {
    for (const watched of this.book.tick(symbol, Number(last), this.clock.now())) {
      this.queue = this.queue.then(() => this.fire(watched, last));
    }
    return this.queue;
  }

  private async start(): Promise<void> {
    this.isRunning = true;
    const active = await this.transactions.run((manager) => manager.findBy(PriceAlertEntity, { state: 'active' }));
    this.book.clear();
    for (const alert of active) this.arm(alert);
    this.followSymbols();
    if (active.length > 0) this.logger.log(`armed ${active.length} price alert(s)`);
  }

  private stop(): void {
    this.isRunning = false;
    this.tickers.stop();
    for (const timer of this.rearms.values()) clearTimeout(timer);
    this.rearms.clear();
    this.book.clear();
  }

  private async fire(watched: WatchedAlert, last: string): Promise<void> {
    try {
      const outcome = await this.firing.fire(watched, last);
      if (outcome.fired) this.arm(outcome.alert);
      else if (outcome.rearmAt !== null) this.reloadAt(watched.id, outcome.rearmAt);
    } catch (error) {
      // The alert stays active in the database: the next leader (or this one, shortly) picks it up.
      if (error instanceof LeaseLostError) this.logger.log(`left price alert ${watched.id} to the new leader`);
      else {
        this.logger.error({ err: error }, `could not fire price alert ${watched.id}`);
        this.reloadAt(watched.id, this.clock.now() + RETRY_AFTER_FAILURE_MS);
      }
    }
    this.followSymbols();
  }

  /** Puts an active alert in the book, or, while a repeating one cools down, arranges for it to come back. */
  private arm(alert: PriceAlertEntity): void {
    clearTimeout(this.rearms.get(alert.id));
    this.rearms.delete(alert.id);
    this.book.remove(alert.id);
    if (!this.isRunning || alert.state !== 'active') return;
    const coolsUntil = cooledDownAt(alert);
    if (coolsUntil !== null && coolsUntil > this.clock.now()) {
      this.reloadAt(alert.id, coolsUntil);
      return;
    }
    this.book.add(watchedOf(alert));
  }

  private reloadAt(id: string, at: number): void {
    clearTimeout(this.rearms.get(id));
    const timer = setTimeout(() => void this.reload(id), Math.max(at - this.clock.now(), 0));
    timer.unref();
    this.rearms.set(id, timer);
  }

  private async reload(id: string): Promise<void> {
    try {
      const alert = await this.transactions.run((manager) => manager.findOneBy(PriceAlertEntity, { id }));
      if (alert) this.arm(alert);
      else {
        clearTimeout(this.rearms.get(id));
        this.rearms.delete(id);
        this.book.remove(id);
      }
    } catch (error) {
      this.logger.warn({ err: error }, `could not read price alert ${id}`);
      this.reloadAt(id, this.clock.now() + RETRY_AFTER_FAILURE_MS);
    }
    this.followSymbols();
  }

  private followSymbols(): void {
    if (this.isRunning) this.tickers.follow(this.book.symbols());
  }
}

function watchedOf(alert: PriceAlertEntity): WatchedAlert {
  return {
    id: alert.id,
    userId: alert.userId,
    symbol: alert.symbol,
    condition: alert.condition,
    level: alert.price === null ? null : Number(alert.price),
    armedSide: alert.armedSide,
    movePercent: alert.movePercent === null ? null : Number(alert.movePercent),
    windowMinutes: alert.windowMinutes,
  };
}
