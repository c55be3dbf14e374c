import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Balance, FeeRates, Liquidity, Order, OrderEvent, OrderStatus } from '@lilux/contracts';
import { MarketService } from '@lilux/api/market';
import { Clock, Environment, SerializedTransactions, USER_EVENT, UserEvent } from '@lilux/api/shared';
import Decimal from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import { EntityManager, In } from 'typeorm';
import { Trigger, TriggerIndex } from '../engine/trigger-index';
import { AccountEntity } from '../entities/account.entity';
import { BalanceEntity } from '../entities/balance.entity';
import { FillEntity } from '../entities/fill.entity';
import { OrderTransitionEntity } from '../entities/order-transition.entity';
import { OrderEntity } from '../entities/order.entity';
import { ExchangeAdapter, OrderPlacement } from '../exchange-adapter';
import { Money, ZERO, money, toDecimalString } from '../money';
import { toOrder, toTrade } from '../order-mapping';
import { InsufficientFundsError, OrderNotCancelableError } from '../orders.errors';
import { PaperLedger } from './paper-ledger';

/** What one transaction changed, applied to the trigger index and published once it has committed. */
interface Changes {
  orders: Map<string, OrderEntity>;
  /** Orders made in this transaction: inserted once, in their final state, when it is written. */
  created: Set<string>;
  /** Orders that existed before and changed: updated when the transaction is written. */
  updated: Set<string>;
  transitions: OrderTransitionEntity[];
  fills: FillEntity[];
}

function noChanges(): Changes {
  return { orders: new Map(), created: new Set(), updated: new Set(), transitions: [], fills: [] };
}

function idempotencyKey({ userId, clientOrderId }: { userId: string; clientOrderId: string }): string {
  return `${userId}|${clientOrderId}`;
}

function mergeChanges(into: Changes, from: Changes): void {
  for (const [id, order] of from.orders) into.orders.set(id, order);
  for (const id of from.created) into.created.add(id);
  for (const id of from.updated) into.updated.add(id);
  into.transitions.push(...from.transitions);
  into.fills.push(...from.fills);
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
export class PaperExchange implements ExchangeAdapter {
  readonly index = new TriggerIndex();
  /** Emits when the set of symbols with resting orders may have changed. */
  readonly restingSymbolsChanged = new Subject<void>();
  private readonly logger = new Logger(PaperExchange.name);
  private readonly takerFee: Money;
  private readonly makerFee: Money;
  private readonly slippage: Money;
  private readonly waiting: WaitingPlacement[] = [];
  private groupScheduled = false;

  constructor(
    private readonly transactions: SerializedTransactions,
    private readonly clock: Clock,
    private readonly market: MarketService,
    private readonly events: EventEmitter2,
    config: ConfigService<Environment, true>,
  ) {
    this.takerFee = money(config.get('PAPER_TAKER_FEE', { infer: true }));
    this.makerFee = money(config.get('PAPER_MAKER_FEE', { infer: true }));
    this.slippage = money(config.get('PAPER_SLIPPAGE_BPS', { infer: true })).div(10_000);
  }

  get feeRates(): FeeRates {
    return { maker: this.makerFee.toFixed(), taker: this.takerFee.toFixed() };
  }

  /** Puts every open order of every paper account back in the index: resting orders survive a restart. */
  async loadRestingOrders(manager: EntityManager): Promise<number> {
    const open = await manager
      .createQueryBuilder(OrderEntity, 'o')
      .innerJoin(AccountEntity, 'a', 'a.id = o.account_id')
      .where("a.kind = 'paper' AND o.status = 'open'")
      .getMany();
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
    const changes = noChanges();
    let group: WaitingPlacement[] = [];
    try {
      const outcomes = await this.transactions.run(async (manager) => {
        // Everything that arrived until now; later arrivals schedule the next group.
        this.groupScheduled = false;
        group = this.waiting.splice(0);
        const ledgers = new Map<string, PaperLedger>();
        const placed = await this.earlierOrders(manager, group.map((waiting) => waiting.placement));
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
      await this.afterCommit(changes);
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
    if (existing.length === 0) return new Map();
    const transitions = await manager.find(OrderTransitionEntity, { where: { orderId: In(existing.map((order) => order.id)) }, order: { id: 'ASC' } });
    return new Map(existing.map((order) => [idempotencyKey(order), toOrder(order, transitions)]));
  }

  private async execute(
    manager: EntityManager,
    changes: Changes,
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
    const own = noChanges();
    try {
      const order = this.insertOrder(manager, own, {
        userId: placement.userId,
        accountId: placement.account.id,
        clientOrderId: placement.clientOrderId,
        symbol: placement.market.symbol,
        side: placement.side,
        type: placement.type,
        role: 'entry',
        parentId: null,
        qty: toDecimalString(placement.qty),
        price: placement.limitPrice ? toDecimalString(placement.limitPrice) : null,
        sl: placement.sl ? toDecimalString(placement.sl) : null,
        tp: placement.tp ? toDecimalString(placement.tp) : null,
        feeAsset: placement.market.quote,
      });
      const limit = placement.limitPrice;
      const marketable = !limit || (placement.side === 'buy' ? last.lte(limit) : last.gte(limit));
      if (marketable) {
        // A limit order the market has already passed fills at once like Binance's: as taker, at the better price.
        await this.fill(manager, ledger, own, order, this.withSlippage(order.side, last, money(placement.market.pricePrecision), limit), 'taker');
      } else {
        this.lockFor(ledger, order, placement.market.base, placement.market.quote, limit);
        this.transition(manager, own, order, 'open');
      }
      const result = { order: toOrder(order, own.transitions), created: true };
      mergeChanges(changes, own);
      placed.set(key, result.order);
      return result;
    } catch (error) {
      // The ledger is shared by the whole group: what this order changed before failing must not reach the next.
      ledger.restore(before);
      throw error;
    }
  }

  async cancelOrder(order: OrderEntity): Promise<Order> {
    const changes = noChanges();
    const canceled = await this.transactions.run(async (manager) => {
      const current = await manager.findOneByOrFail(OrderEntity, { id: order.id });
      if (current.status !== 'open' && current.status !== 'new') throw new OrderNotCancelableError(current.status);
      const ledger = await PaperLedger.open(manager, current.accountId);
      const group = await this.cancelGroupOf(manager, current);
      this.releaseLocks(ledger, group);
      for (const member of group) {
        if (member.status === 'open' || member.status === 'new') {
          this.transition(manager, changes, member, 'canceled', member.id === current.id ? undefined : 'the other leg was canceled');
        }
      }
      await this.write(manager, changes, [ledger]);
      const transitions = await manager.find(OrderTransitionEntity, { where: { orderId: current.id }, order: { id: 'ASC' } });
      return toOrder(present(group.find((member) => member.id === current.id), 'a canceled order is in its own group'), transitions);
    });
    await this.afterCommit(changes);
    return canceled;
  }

  async fetchBalances(account: AccountEntity): Promise<Balance[]> {
    const rows = await this.transactions.run((manager) => manager.find(BalanceEntity, { where: { accountId: account.id } }));
    return rows.map(({ asset, free, locked }) => ({ asset, free, locked }));
  }

  /** A tick reached a resting order: fill it, and if it is a stop-loss or take-profit, cancel its partner. */
  async executeTrigger(trigger: Pick<Trigger, 'orderId' | 'symbol'>, tickPrice: Money): Promise<void> {
    const changes = noChanges();
    const tick = money((await this.market.market(trigger.symbol)).pricePrecision);
    await this.transactions.run(async (manager) => {
      const order = await manager.findOneBy(OrderEntity, { id: trigger.orderId });
      if (!order || order.status !== 'open') return;
      const ledger = await PaperLedger.open(manager, order.accountId);
      const group = await this.cancelGroupOf(manager, order);
      this.releaseLocks(ledger, group);
      const isStop = order.role === 'stop_loss';
      // A resting limit (entry or take-profit) fills at its price as maker; a triggered stop is a market order.
      const price = isStop ? this.withSlippage(order.side, tickPrice, tick) : money(present(order.price, 'a resting order has a price'));
      try {
        await this.fill(manager, ledger, changes, order, price, isStop ? 'taker' : 'maker');
      } catch (error) {
        if (!(error instanceof InsufficientFundsError)) throw error;
        this.transition(manager, changes, order, 'rejected', error.message);
      }
      for (const partner of group) {
        if (partner.id !== order.id && partner.status === 'open') {
          this.transition(manager, changes, partner, 'canceled', `the ${order.role.replace('_', '-')} leg executed`);
        }
      }
      await this.write(manager, changes, [ledger]);
    });
    await this.afterCommit(changes);
  }

  private async fill(manager: EntityManager, ledger: PaperLedger, changes: Changes, order: OrderEntity, price: Money, liquidity: Liquidity): Promise<void> {
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
    const fill = manager.create(FillEntity, {
      id: randomUUID(),
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
    changes.fills.push(fill);
    order.filledQty = order.qty;
    order.averagePrice = toDecimalString(price);
    order.fee = toDecimalString(fee);
    this.transition(manager, changes, order, 'filled');
    if (order.role === 'entry' && (order.sl || order.tp)) await this.armBracket(manager, ledger, changes, order);
  }

  /** Opens the stop-loss / take-profit pair for the filled quantity; the pair shares one lock (one-cancels-other). */
  private async armBracket(manager: EntityManager, ledger: PaperLedger, changes: Changes, entry: OrderEntity): Promise<void> {
    const exit = entry.side === 'buy' ? 'sell' : 'buy';
    const legs: OrderEntity[] = [];
    for (const [role, price] of [['stop_loss', entry.sl], ['take_profit', entry.tp]] as const) {
      if (!price) continue;
      legs.push(
        this.insertOrder(manager, changes, {
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
              ...legs.map((leg) => qty.mul(money(present(leg.price, 'a bracket leg has a price'))).mul(leg.role === 'stop_loss' ? ONE.plus(this.slippage).plus(this.takerFee) : ONE.plus(this.makerFee))),
            ).toDecimalPlaces(FEE_DECIMALS, Decimal.ROUND_UP),
          };
    ledger.lock(lock.asset, lock.amount);
    legs[0].lockedAsset = lock.asset;
    legs[0].lockedAmount = toDecimalString(lock.amount);
    for (const leg of legs) this.transition(manager, changes, leg, 'open');
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

  private releaseLocks(ledger: PaperLedger, orders: OrderEntity[]): void {
    for (const order of orders) {
      const amount = money(order.lockedAmount);
      if (amount.gt(ZERO)) ledger.unlock(order.lockedAsset, amount);
      order.lockedAmount = '0';
    }
  }

  /** The last price moved against the taker by the slippage, but never past the order's own limit. */
  private withSlippage(side: 'buy' | 'sell', last: Money, tick: Money, limit?: Money): Money {
    const moved = side === 'buy' ? last.mul(ONE.plus(this.slippage)) : last.mul(ONE.minus(this.slippage));
    // Fills happen at whole price ticks, rounded against the taker.
    const price = moved.div(tick).toDecimalPlaces(0, side === 'buy' ? Decimal.ROUND_UP : Decimal.ROUND_DOWN).mul(tick);
    if (!limit) return price;
    return side === 'buy' ? Money.min(price, limit) : Money.max(price, limit);
  }

  /** What leaves the book with `order`: an entry alone, a bracket leg with its sibling (one cancels the other). */
  private async cancelGroupOf(manager: EntityManager, order: OrderEntity): Promise<OrderEntity[]> {
    if (order.role === 'entry' || order.parentId === null) return [order];
    return manager.find(OrderEntity, { where: { parentId: order.parentId, role: In(['stop_loss', 'take_profit']) } });
  }

  private insertOrder(
    manager: EntityManager,
    changes: Changes,
    fields: Omit<OrderEntity, 'id' | 'status' | 'filledQty' | 'averagePrice' | 'fee' | 'lockedAsset' | 'lockedAmount' | 'exchangeOrderId' | 'rejectReason' | 'createdAt' | 'updatedAt'>,
  ): OrderEntity {
    const now = this.now();
    const order = manager.create(OrderEntity, {
      ...fields,
      id: randomUUID(),
      status: 'new',
      filledQty: '0',
      averagePrice: null,
      fee: '0',
      lockedAsset: fields.feeAsset,
      lockedAmount: '0',
      exchangeOrderId: null,
      rejectReason: null,
      createdAt: now,
      updatedAt: now,
    });
    changes.orders.set(order.id, order);
    changes.created.add(order.id);
    this.recordTransition(manager, changes, order.id, 'new', now, null);
    return order;
  }

  private transition(manager: EntityManager, changes: Changes, order: OrderEntity, status: OrderStatus, reason?: string): void {
    const now = this.now();
    order.status = status;
    order.updatedAt = now;
    if (status === 'rejected') order.rejectReason = reason ?? null;
    changes.orders.set(order.id, order);
    if (!changes.created.has(order.id)) changes.updated.add(order.id);
    this.recordTransition(manager, changes, order.id, status, now, reason ?? null);
  }

  private recordTransition(manager: EntityManager, changes: Changes, orderId: string, status: OrderStatus, at: string, reason: string | null): void {
    changes.transitions.push(manager.create(OrderTransitionEntity, { orderId, status, at, reason }));
  }

  /**
   * Writes what the transaction did in as few statements as possible: new orders once in their final state,
   * changed ones once each, all transitions and fills in one insert each, then the balances. Every status an
   * order passed through is still recorded, with its time, in its transitions.
   */
  private async write(manager: EntityManager, changes: Changes, ledgers: PaperLedger[]): Promise<void> {
    const created = [...changes.orders.values()].filter((order) => changes.created.has(order.id));
    if (created.length > 0) await manager.insert(OrderEntity, created);
    for (const order of changes.orders.values()) {
      if (!changes.updated.has(order.id)) continue;
      const { id, status, updatedAt, rejectReason, filledQty, averagePrice, fee, lockedAsset, lockedAmount } = order;
      await manager.update(OrderEntity, { id }, { status, updatedAt, rejectReason, filledQty, averagePrice, fee, lockedAsset, lockedAmount });
    }
    const unwritten = changes.transitions.filter((transition) => transition.id === undefined);
    if (unwritten.length > 0) await manager.insert(OrderTransitionEntity, unwritten);
    if (changes.fills.length > 0) await manager.insert(FillEntity, changes.fills);
    changes.created.clear();
    changes.updated.clear();
    for (const ledger of ledgers) await ledger.save();
  }

  /** Only after the commit: the index and the live channel must never show what a rollback undid. */
  private async afterCommit(changes: Changes): Promise<void> {
    if (changes.orders.size === 0) return;
    for (const order of changes.orders.values()) {
      if (order.status === 'open') this.index.add(triggerOf(order));
      else this.index.remove(order.id);
    }
    this.restingSymbolsChanged.next();
    try {
      const orders = [...changes.orders.values()];
      for (const order of orders) this.publish(order.userId, { type: 'order', order: toOrder(order, changes.transitions) });
      const owners = new Map(orders.map((order) => [order.id, order.userId]));
      for (const fill of changes.fills) this.publish(present(owners.get(fill.orderId), 'a fill belongs to a changed order'), { type: 'trade', trade: toTrade(fill) });
    } catch (error) {
      // The trade happened; only its notification failed. The console refreshes from the REST routes.
      this.logger.warn({ err: error }, 'could not publish order events');
    }
  }

  private publish(userId: string, event: OrderEvent): void {
    const message: UserEvent = { userId, event: event.type, data: event.type === 'order' ? event.order : event.trade };
    this.events.emit(USER_EVENT, message);
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

const ONE = money(1);

/** Where a resting order acts: limits when the price comes to them, stops when it goes through them. */
export function triggerOf(order: OrderEntity): Trigger {
  const isStop = order.role === 'stop_loss';
  const fallsTo = isStop ? order.side === 'sell' : order.side === 'buy';
  return { orderId: order.id, symbol: order.symbol, when: fallsTo ? 'falls-to' : 'rises-to', level: Number(order.price) };
}

/** The value an invariant of the engine guarantees; a missing one is a bug, reported as the invariant it broke. */
function present<T>(value: T | null | undefined, invariant: string): T {
  if (value === null || value === undefined) throw new Error(`paper exchange invariant broken: ${invariant}`);
  return value;
}
