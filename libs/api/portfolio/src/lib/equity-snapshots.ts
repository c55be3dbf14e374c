import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MarketService } from '@lilux/api/market';
import { applyToPosition, type EquityPointAt, type HeldAccount, Money, money, PositionsService, ZERO } from '@lilux/api/orders';
import { Clock, Leadership, LeaseLostError } from '@lilux/api/shared';
import { skip, Subscription } from 'rxjs';

const HOUR_MS = 3_600_000;
/** How far back a start-up fills the hours the curve missed: what the hourly candles of a week cost to read. */
export const CATCH_UP_MS = 7 * 24 * HOUR_MS;
/** Accounts valued and written per transaction. */
const ACCOUNTS_PER_BATCH = 200;
/** Points per transaction: a week of hours for a page of accounts would pass the databases' limits of bound parameters. */
const POINTS_PER_WRITE = 1000;
/** After the boundary, so that the hour's candle has opened at every source. */
const AFTER_BOUNDARY_MS = 1_000;

/** What an account held at one time: each asset's quantity and the symbol that prices it, and its cash. */
interface Holdings {
  cash: Money;
  assets: Map<string, { symbol: string; qty: Money }>;
}

/**
 * Writes a point of the equity curve at the start of every hour for every paper account that holds something,
 * so that the curve follows the market between fills and looks. A point is valued at the open of the hour's
 * candle of each held symbol: the price at that very time, the same number whichever instance reads it. At
 * start-up (and when this instance starts to lead) the hours missed up to a week back are filled the same way,
 * with what the account held then: its kept positions with the fills made since undone. One instance of a
 * cluster does this (the leader of the background jobs); a point is written under the lease and only if its hour
 * has none yet, so a takeover or a retry never writes one twice.
 */
@Injectable()
export class EquitySnapshots implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EquitySnapshots.name);
  private leadershipChanges?: Subscription;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly positions: PositionsService,
    private readonly market: MarketService,
    private readonly leadership: Leadership,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A single process leads from the start: the hours it was down for are in the curve before it serves anyone.
    if (this.leadership.isLeading) await this.start();
    this.leadershipChanges = this.leadership.isLeading$.pipe(skip(1)).subscribe((isLeading) => (isLeading ? void this.start() : this.stop()));
  }

  onApplicationShutdown(): void {
    this.leadershipChanges?.unsubscribe();
    this.stop();
  }

  /**
   * Adds the snapshot of every hour that started within `lookBackMs` and has none, for every paper account that
   * holds something now. Returns how many points were added.
   */
  async catchUp(lookBackMs: number): Promise<number> {
    const last = Math.floor(this.clock.now() / HOUR_MS) * HOUR_MS;
    const first = last - Math.floor(lookBackMs / HOUR_MS) * HOUR_MS;
    const opens = new Map<string, Promise<Map<number, Money>>>();
    const openOf = (symbol: string) => {
      if (!opens.has(symbol)) opens.set(symbol, this.hourOpens(symbol, first, last));
      return opens.get(symbol) as Promise<Map<number, Money>>;
    };
    let added = 0;
    for (let after = ''; ; ) {
      const page = await this.positions.heldPaperAccounts(after, ACCOUNTS_PER_BATCH);
      if (page.length === 0) break;
      after = page[page.length - 1].account.id;
      const ids = page.map(({ account }) => account.id);
      const snapshotted = await this.positions.snapshotHours(ids, iso(first), iso(last));
      const missing = new Map<string, number[]>();
      for (const { account } of page) {
        const opened = Math.ceil(Date.parse(account.createdAt) / HOUR_MS) * HOUR_MS;
        const hours: number[] = [];
        for (let hour = last; hour >= Math.max(first, opened); hour -= HOUR_MS) if (!snapshotted.has(`${account.id} ${iso(hour)}`)) hours.push(hour);
        if (hours.length > 0) missing.set(account.id, hours);
      }
      if (missing.size === 0) continue;
      const earliest = Math.min(...[...missing.values()].map((hours) => hours[hours.length - 1]));
      const fills = await this.positions.fillsAfter([...missing.keys()], iso(earliest));
      const points: EquityPointAt[] = [];
      for (const held of page) {
        const hours = missing.get(held.account.id);
        if (!hours) continue;
        const undone = fills.filter((fill) => fill.accountId === held.account.id);
        const holdings = holdingsNow(held);
        let next = 0;
        // Newest hour first: each fill made after an hour is undone once, on the way back.
        for (const hour of hours) {
          for (; next < undone.length && Date.parse(undone[next].executedAt) > hour; next++) undo(holdings, undone[next]);
          const equity = await this.valueAt(holdings, hour, openOf);
          if (equity) points.push({ accountId: held.account.id, time: iso(hour), equity: money(held.account.startAmount).plus(equity) });
        }
      }
      for (let start = 0; start < points.length; start += POINTS_PER_WRITE) {
        added += await this.positions.recordHourSnapshots(points.slice(start, start + POINTS_PER_WRITE), (manager) => this.leadership.fence(manager));
      }
    }
    return added;
  }

  private start(): Promise<void> {
    this.schedule();
    return this.run(CATCH_UP_MS);
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** At the next hour's start, then at each one after; a run that was late or failed is made up by the next. */
  private schedule(): void {
    const now = this.clock.now();
    const delay = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS + AFTER_BOUNDARY_MS - now;
    this.timer = setTimeout(() => {
      this.schedule();
      void this.run(2 * HOUR_MS);
    }, delay);
    this.timer.unref();
  }

  /** One run at a time: a slow one (a cold week of candles) is never overtaken by the next hour's. */
  private run(lookBackMs: number): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        const added = await this.catchUp(lookBackMs);
        if (added > 0) this.logger.log(`added ${added} hourly point(s) to equity curves`);
      } catch (error) {
        if (error instanceof LeaseLostError) this.logger.log('left the hourly equity points to the new leader');
        else this.logger.error({ err: error }, 'could not add the hourly points of the equity curves; the next hour tries again');
      }
    });
    return this.running;
  }

  /** Cash and holdings valued at the opens of `hour`; null when a held symbol has no candle then (its market was away). */
  private async valueAt(holdings: Holdings, hour: number, openOf: (symbol: string) => Promise<Map<number, Money>>): Promise<Money | null> {
    let equity = holdings.cash;
    for (const { symbol, qty } of holdings.assets.values()) {
      if (qty.isZero()) continue;
      const open = (await openOf(symbol)).get(hour);
      if (!open) return null;
      equity = equity.plus(qty.mul(open));
    }
    return equity;
  }

  /** The open of each hourly candle of `symbol` from `first` to `last`; none for a symbol the market no longer lists. */
  private async hourOpens(symbol: string, first: number, last: number): Promise<Map<number, Money>> {
    try {
      const candles = await this.market.candles({ symbol, timeframe: '1h', since: first, limit: (last - first) / HOUR_MS + 1 });
      return new Map(candles.map(([time, open]) => [time, money(open)]));
    } catch (error) {
      this.logger.warn({ err: error }, `no hourly candles of ${symbol}: its holders' hourly points are left out`);
      return new Map();
    }
  }
}

/** The account's cash change and holdings as its kept positions say now. */
function holdingsNow({ positions }: HeldAccount): Holdings {
  const holdings: Holdings = { cash: ZERO, assets: new Map() };
  for (const position of positions) {
    holdings.cash = holdings.cash.plus(position.cashFlow);
    holdings.assets.set(position.asset, { symbol: position.symbol, qty: money(position.qty) });
  }
  return holdings;
}

/**
 * Takes a fill back out of the holdings. What a fill does to the quantity and to cash does not depend on what was
 * held before (only cost and realized PnL do), so it is what the fill does to an empty position.
 */
function undo(holdings: Holdings, fill: Parameters<typeof applyToPosition>[1]): void {
  const change = applyToPosition(undefined, fill);
  holdings.cash = holdings.cash.minus(change.cashFlow);
  const held = holdings.assets.get(change.asset) ?? { symbol: change.symbol, qty: ZERO };
  holdings.assets.set(change.asset, { symbol: held.symbol, qty: held.qty.minus(change.qty) });
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
