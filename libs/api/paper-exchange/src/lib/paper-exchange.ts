import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { isResting, type Balance, type FeeRates, type Liquidity, type Order } from '@lilux/contracts';
import { MarketService } from '@lilux/api/market';
import { Clock, ClusterBus, Environment, Leadership, lockForUpdate, Transactions, Trigger, TriggerIndex } from '@lilux/api/shared';
import {
  AccountEntity,
  BalanceEntity,
  entryOf,
  ExchangeAdapter,
  ExchangeRegistry,
  InsufficientFundsError,
  money,
  Money,
  NewOrderFields,
  OrderChanges,
  OrderEntity,
  OrderEvents,
  OrderNotCancelableError,
  OrderPlacement,
  toDecimalString,
  toOrder,
  withTransitions,
  ZERO,
} from '@lilux/api/orders';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import { EntityManager, In } from 'typeorm';
import { PaperLedger } from './paper-ledger';

function idempotencyKey({ userId, clientOrderId }: { userId: string; clientOrderId: string }): string {
  return `${userId}|${clientOrderId}`;
}

type PlacementResult = { order: Order; created: boolean };

interface WaitingPlacement {
  placement: OrderPlacement;
  last: Money;
  resolve: (result: PlacementResult) => void;
  reject: (error: unknown) => void;
}

const FEE_DECIMALS = 8;

/**
 * The built-in exchange: orders fill against the market module's prices. Market orders fill at once at the last
 * price moved by the slippage; limit orders and armed stop-loss / take-profit pairs rest in a price index and
 * fill when a tick reaches them. Every fill and its balance changes are one transaction, and transactions run
 * one at a time, so no interleaving of orders can spend the same funds twice.
 */
@Injectable()
export class PaperExchange implements ExchangeAdapter, OnModuleInit {
  readonly kinds = ['paper'] as const;
  /** The resting orders and armed legs of every paper account, kept by every instance; the leader matches them. */
  readonly index = new TriggerIndex();
  private readonly logger = new Logger(PaperExchange.name);
  /** Tells this instance's changes to the book apart from the others' on the cluster bus. */
  private readonly instanceId = randomUUID();
  /** Emits when the set of symbols with resting orders may have changed. */
  readonly restingSymbolsChanged = new Subject<void>();
  private readonly takerFee: Money;
  private readonly makerFee: Money;
  private readonly slippage: Money;
  private readonly waiting: WaitingPlacement[] = [];
  private groupScheduled = false;

  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly market: MarketService,
    private readonly events: OrderEvents,
    private readonly registry: ExchangeRegistry,
    private readonly bus: ClusterBus,
    private readonly leadership: Leadership,
    config: ConfigService<Environment, true>,
  ) {
    this.takerFee = money(config.get('PAPER_TAKER_FEE', { infer: true }));
    this.makerFee = money(config.get('PAPER_MAKER_FEE', { infer: true }));
    this.slippage = money(config.get('PAPER_SLIPPAGE_BPS', { infer: true })).div(10_000);
  }

  async onModuleInit(): Promise<void> {
    this.registry.register(this);
    // Orders that start or stop resting on another instance reach this one's book.
    await this.bus.subscribe(PAPER_BOOK, (message) => {
      const change = message as BookChange;
      if (change.from !== this.instanceId) this.applyToBook(change);
    });
  }

  feeRates(): FeeRates {
    return { maker: this.makerFee.toFixed(), taker: this.takerFee.toFixed() };
  }

  /** A paper order's fate is always known: it is what the ledger says. */
  async lookUp(order: OrderEntity): Promise<Order> {
    return this.transactions.run(async (manager) => (await withTransitions(manager, [await manager.findOneByOrFail(OrderEntity, { id: order.id })]))[0]);
  }

  /**
   * Puts every open order of every paper account in the index, as the database has them: resting orders survive
   * a restart, and a new leader starts from what every instance wrote.
   */
  async loadRestingOrders(manager: EntityManager): Promise<number> {
    const open = await manager
      .createQueryBuilder(OrderEntity, 'o')
      .innerJoin(AccountEntity, 'a', 'a.id = o.account_id')
      .where("a.kind = 'paper' AND o.status = 'open'")
      .getMany();
    this.index.clear();
    for (const order of open) this.index.add(triggerOf(order));
    this.restingSymbolsChanged.next();
    return open.length;
  }

  /**
   * Places an order. Orders arriving while a transaction runs are committed together in the next one (group
   * commit): each is still checked and executed on its own, in arrival order, and one that fails leaves the
   * others and the balances exactly as if it had never come.
   */
  async placeOrder(placement: OrderPlacement): Promise<{ order: Order; created: boolean }> {
    const last = money((await this.market.ticker(placement.market.symbol)).last);
    return new Promise((resolve, reject) => {
      this.waiting.push({ placement, last, resolve, reject });
      if (!this.groupScheduled) {
        this.groupScheduled = true;
        void this.commitWaitingPlacements();
      }
    });
  }

  private async commitWaitingPlacements(): Promise<void> {
    const changes = this.changes();
    let group: WaitingPlacement[] = [];
    try {
      const outcomes = await this.transactions.run(async (manager) => {
        // Everything that arrived until now; later arrivals schedule the next group.
        this.groupScheduled = false;
        group = this.waiting.splice(0);
        const ledgers = new Map<string, PaperLedger>();
        const placements = group.map((waiting) => waiting.placement);
        // The group's accounts are locked before anything is read: an order sent to another instance at the
        // same moment, or with the same client order id, waits for this group or goes first, never in between.
        await lockForUpdate(
          manager,
          AccountEntity,
          placements.map((placement) => placement.account.id),
        );
        const placed = await this.earlierOrders(manager, placements);
        const results: (PlacementResult | Error)[] = [];
        for (const { placement, last } of group) {
          try {
            results.push(await this.execute(manager, changes, ledgers, placed, placement, last));
          } catch (error) {
            results.push(error instanceof Error ? error : new Error(String(error)));
          }
        }
        await this.write(manager, changes, [...ledgers.values()]);
        return results;
      });
      this.afterCommit(changes);
      outcomes.forEach((outcome, i) => (outcome instanceof Error ? group[i].reject(outcome) : group[i].resolve(outcome)));
    } catch (error) {
      // The transaction failed as a whole, possibly before taking its group: nothing of it was written.
      if (group.length === 0) {
        this.groupScheduled = false;
        group = this.waiting.splice(0);
      }
      for (const waiting of group) waiting.reject(error);
    }
  }

  /** Orders that already exist for the group's client order ids (one query for the whole group). */
  private async earlierOrders(manager: EntityManager, placements: OrderPlacement[]): Promise<Map<string, Order>> {
    const existing = await manager.find(OrderEntity, {
      where: placements.map(({ userId, clientOrderId }) => ({ userId, clientOrderId })),
    });
    const orders = await withTransitions(manager, existing);
    return new Map(existing.map((entity, i) => [idempotencyKey(entity), orders[i]]));
  }

  private async execute(
    manager: EntityManager,
    changes: OrderChanges,
    ledgers: Map<string, PaperLedger>,
    placed: Map<string, Order>,
    placement: OrderPlacement,
    last: Money,
  ): Promise<PlacementResult> {
    const key = idempotencyKey(placement);
    const earlier = placed.get(key);
    if (earlier) return { order: earlier, created: false };
    let ledger = ledgers.get(placement.account.id);
    if (!ledger) {
      ledger = await PaperLedger.open(manager, placement.account.id);
      ledgers.set(placement.account.id, ledger);
    }
    const before = ledger.snapshot();
    const own = this.changes();
    try {
      const order = this.insertOrder(own, { ...entryOf(placement), feeAsset: placement.market.quote });
      const limit = placement.limitPrice;
      const marketable = !limit || (placement.side === 'buy' ? last.lte(limit) : last.gte(limit));
      if (marketable) {
        // A limit order the market has already passed fills at once like Binance's: as taker, at the better price.
        this.fill(ledger, own, order, this.withSlippage(order.side, last, money(placement.market.pricePrecision), limit), 'taker');
      } else {
        this.lockFor(ledger, order, placement.market.base, placement.market.quote, limit);
        own.transition(order, 'open');
      }
      const result = { order: toOrder(order, own.transitions), created: true };
      changes.merge(own);
      placed.set(key, result.order);
      return result;
    } catch (error) {
      // The ledger is shared by the whole group: what this order changed before failing must not reach the next.
      ledger.restore(before);
      throw error;
    }
  }

  async cancelOrder(order: OrderEntity): Promise<Order> {
    const changes = this.changes();
    const canceled = await this.transactions.run(async (manager) => {
      await lockForUpdate(manager, AccountEntity, [order.accountId]);
      const current = await manager.findOneByOrFail(OrderEntity, { id: order.id });
      if (!isResting(current.status)) throw new OrderNotCancelableError(current.status);
      const ledger = await PaperLedger.open(manager, current.accountId);
      const group = await this.cancelGroupOf(manager, current);
      this.releaseLocks(ledger, changes, group);
      for (const member of group) {
        if (isResting(member.status)) {
          changes.transition(member, 'canceled', member.id === current.id ? undefined : 'the other leg was canceled');
        }
      }
      await this.write(manager, changes, [ledger]);
      const [canceledOrder] = await withTransitions(manager, [
        present(
          group.find((member) => member.id === current.id),
          'a canceled order is in its own group',
        ),
      ]);
      return canceledOrder;
    });
    this.afterCommit(changes);
    return canceled;
  }

  async fetchBalances(account: AccountEntity): Promise<Balance[]> {
    const rows = await this.transactions.run((manager) => manager.find(BalanceEntity, { where: { accountId: account.id } }));
    return rows.map(({ asset, free, locked }) => ({ asset, free, locked }));
  }

  /** A tick reached a resting order: fill it, and if it is a stop-loss or take-profit, cancel its partner. */
  async executeTrigger(trigger: Pick<Trigger, 'id' | 'symbol'>, tickPrice: Money): Promise<void> {
    const changes = this.changes();
    const tick = money((await this.market.market(trigger.symbol)).pricePrecision);
    await this.transactions.run(async (manager) => {
      // Only the leader fills from ticks; one that lost its lease while paused must not.
      await this.leadership.fence(manager);
      const unlocked = await manager.findOneBy(OrderEntity, { id: trigger.id });
      if (!unlocked) return;
      // Read again under the account's lock: a cancel, or another engine, may have got there first.
      await lockForUpdate(manager, AccountEntity, [unlocked.accountId]);
      const order = await manager.findOneBy(OrderEntity, { id: trigger.id });
      if (!order || order.status !== 'open') return;
      const ledger = await PaperLedger.open(manager, order.accountId);
      const group = await this.cancelGroupOf(manager, order);
      this.releaseLocks(ledger, changes, group);
      const isStop = order.role === 'stop_loss';
      // A resting limit (entry or take-profit) fills at its price as maker; a triggered stop is a market order.
      const price = isStop ? this.withSlippage(order.side, tickPrice, tick) : money(present(order.price, 'a resting order has a price'));
      // A fill that cannot be completed (its funds, or the lock of the bracket it arms, are gone) is undone whole.
      const before = { ledger: ledger.snapshot(), order: { ...order } };
      const attempt = this.changes();
      try {
        this.fill(ledger, attempt, order, price, isStop ? 'taker' : 'maker');
        changes.merge(attempt);
      } catch (error) {
        if (!(error instanceof InsufficientFundsError)) throw error;
        ledger.restore(before.ledger);
        Object.assign(order, before.order);
        changes.transition(order, 'rejected', error.message);
      }
      for (const partner of group) {
        if (partner.id !== order.id && partner.status === 'open') {
          changes.transition(partner, 'canceled', `the ${order.role.replace('_', '-')} leg executed`);
        }
      }
      await this.write(manager, changes, [ledger]);
    });
    this.afterCommit(changes);
  }

  private fill(ledger: PaperLedger, changes: OrderChanges, order: OrderEntity, price: Money, liquidity: Liquidity): void {
    const [base, quote] = order.symbol.split('/');
    const qty = money(order.qty);
    const quoteQty = qty.mul(price);
    const fee = quoteQty.mul(liquidity === 'taker' ? this.takerFee : this.makerFee).toDecimalPlaces(FEE_DECIMALS, Decimal.ROUND_UP);
    if (order.side === 'buy') {
      ledger.debit(quote, quoteQty.plus(fee));
      ledger.credit(base, qty);
    } else {
      ledger.debit(base, qty);
      ledger.credit(quote, quoteQty.minus(fee));
    }
    changes.addFill({
      orderId: order.id,
      accountId: order.accountId,
      symbol: order.symbol,
      side: order.side,
      qty: order.qty,
      price: toDecimalString(price),
      quoteQty: toDecimalString(quoteQty),
      fee: toDecimalString(fee),
      feeAsset: quote,
      liquidity,
      executedAt: this.now(),
    });
    order.filledQty = order.qty;
    order.averagePrice = toDecimalString(price);
    order.fee = toDecimalString(fee);
    changes.transition(order, 'filled');
    if (order.role === 'entry' && (order.sl || order.tp)) this.armBracket(ledger, changes, order);
  }

  /** Opens the stop-loss / take-profit pair for the filled quantity; the pair shares one lock (one-cancels-other). */
  private armBracket(ledger: PaperLedger, changes: OrderChanges, entry: OrderEntity): void {
    const exit = entry.side === 'buy' ? 'sell' : 'buy';
    const legs: OrderEntity[] = [];
    for (const [role, price] of [
      ['stop_loss', entry.sl],
      ['take_profit', entry.tp],
    ] as const) {
      if (!price) continue;
      legs.push(
        this.insertOrder(changes, {
          userId: entry.userId,
          accountId: entry.accountId,
          clientOrderId: `${entry.clientOrderId}:${role === 'stop_loss' ? 'sl' : 'tp'}`,
          symbol: entry.symbol,
          side: exit,
          type: role === 'stop_loss' ? 'market' : 'limit',
          role,
          parentId: entry.id,
          qty: entry.filledQty,
          price,
          sl: null,
          tp: null,
          feeAsset: entry.feeAsset,
        }),
      );
    }
    const [base, quote] = entry.symbol.split('/');
    const qty = money(entry.filledQty);
    // Selling back locks the bought quantity; buying back locks the most either leg may cost.
    const lock =
      exit === 'sell'
        ? { asset: base, amount: qty }
        : {
            asset: quote,
            amount: Money.max(
              ...legs.map((leg) =>
                qty
                  .mul(money(present(leg.price, 'a bracket leg has a price')))
                  .mul(leg.role === 'stop_loss' ? ONE.plus(this.slippage).plus(this.takerFee) : ONE.plus(this.makerFee)),
              ),
            ).toDecimalPlaces(FEE_DECIMALS, Decimal.ROUND_UP),
          };
    ledger.lock(lock.asset, lock.amount);
    legs[0].lockedAsset = lock.asset;
    legs[0].lockedAmount = toDecimalString(lock.amount);
    for (const leg of legs) changes.transition(leg, 'open');
  }

  private lockFor(ledger: PaperLedger, order: OrderEntity, base: string, quote: string, limit: Money): void {
    const lock =
      order.side === 'buy'
        ? { asset: quote, amount: money(order.qty).mul(limit).mul(ONE.plus(this.makerFee)).toDecimalPlaces(FEE_DECIMALS, Decimal.ROUND_UP) }
        : { asset: base, amount: money(order.qty) };
    ledger.lock(lock.asset, lock.amount);
    order.lockedAsset = lock.asset;
    order.lockedAmount = toDecimalString(lock.amount);
  }

  private releaseLocks(ledger: PaperLedger, changes: OrderChanges, orders: OrderEntity[]): void {
    for (const order of orders) {
      const amount = money(order.lockedAmount);
      if (amount.lte(ZERO)) continue;
      ledger.unlock(order.lockedAsset, amount);
      order.lockedAmount = '0';
      changes.changed(order);
    }
  }

  /** The last price moved against the taker by the slippage, but never past the order's own limit. */
  private withSlippage(side: 'buy' | 'sell', last: Money, tick: Money, limit?: Money): Money {
    const moved = side === 'buy' ? last.mul(ONE.plus(this.slippage)) : last.mul(ONE.minus(this.slippage));
    // Fills happen at whole price ticks, rounded against the taker.
    const price = moved
      .div(tick)
      .toDecimalPlaces(0, side === 'buy' ? Decimal.ROUND_UP : Decimal.ROUND_DOWN)
      .mul(tick);
    if (!limit) return price;
    return side === 'buy' ? Money.min(price, limit) : Money.max(price, limit);
  }

  /** What leaves the book with `order`: an entry alone, a bracket leg with its sibling (one cancels the other). */
  private async cancelGroupOf(manager: EntityManager, order: OrderEntity): Promise<OrderEntity[]> {
    if (order.role === 'entry' || order.parentId === null) return [order];
    return manager.find(OrderEntity, { where: { parentId: order.parentId, role: In(['stop_loss', 'take_profit']) } });
  }

  private insertOrder(changes: OrderChanges, fields: Omit<NewOrderFields, 'lockedAsset'>): OrderEntity {
    return changes.create({ ...fields, lockedAsset: fields.feeAsset });
  }

  private async write(manager: EntityManager, changes: OrderChanges, ledgers: PaperLedger[]): Promise<void> {
    await changes.write(manager);
    for (const ledger of ledgers) await ledger.save();
  }

  /** Only after the commit: no book must ever hold what a rollback undid. */
  private afterCommit(changes: OrderChanges): void {
    if (changes.orders.size === 0) return;
    const orders = [...changes.orders.values()];
    const change: BookChange = {
      from: this.instanceId,
      resting: orders.filter((order) => order.status === 'open').map(triggerOf),
      gone: orders.filter((order) => order.status !== 'open').map((order) => order.id),
    };
    this.applyToBook(change);
    this.bus.publish(PAPER_BOOK, change).catch((error: unknown) => this.logger.warn({ err: error }, 'could not tell the other instances of a book change'));
    this.events.published(changes);
  }

  private applyToBook({ resting, gone }: BookChange): void {
    for (const trigger of resting) this.index.add(trigger);
    for (const orderId of gone) this.index.remove(orderId);
    this.restingSymbolsChanged.next();
  }

  private changes(): OrderChanges {
    return new OrderChanges(() => this.now());
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

const ONE = money(1);

/** The cluster bus channel of changes to the book of resting paper orders. */
const PAPER_BOOK = 'paper-book';

interface BookChange {
  from: string;
  resting: Trigger[];
  gone: string[];
}

/** Where a resting order acts: limits when the price comes to them, stops when it goes through them. */
export function triggerOf(order: OrderEntity): Trigger {
  const isStop = order.role === 'stop_loss';
  const fallsTo = isStop ? order.side === 'sell' : order.side === 'buy';
  return { id: order.id, symbol: order.symbol, when: fallsTo ? 'falls-to' : 'rises-to', level: Number(order.price) };
}

/** The value an invariant of the engine guarantees; a missing one is a bug, reported as the invariant it broke. */
function present<T>(value: T | null | undefined, invariant: string): T {
  if (value === null || value === undefined) throw new Error(`paper exchange invariant broken: ${invariant}`);
  return value;
}
