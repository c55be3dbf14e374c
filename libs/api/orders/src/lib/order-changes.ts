import { canTransition, isActive, type OrderStatus } from '@lilux/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { FillEntity } from './entities/fill.entity';
import { nextFillId } from './fill-ids';
import { keepPositions } from './kept-positions';
import { OrderTransitionEntity } from './entities/order-transition.entity';
import { OrderEntity } from './entities/order.entity';

/** The fields of an order its exchange chooses; the rest start the same for every order. */
export type NewOrderFields = Omit<
  OrderEntity,
  'id' | 'status' | 'filledQty' | 'averagePrice' | 'fee' | 'lockedAmount' | 'exchangeOrderId' | 'rejectReason' | 'createdAt' | 'updatedAt'
> &
  Partial<Pick<OrderEntity, 'lockedAmount'>>;

/** What the reason columns hold (an exchange's refusal can be longer). */
const REASON_LENGTH = 200;

/** A status change the transition table forbids: a bug in an exchange adapter, never the trader's doing. */
export class IllegalOrderTransitionError extends Error {
  constructor(orderId: string, from: OrderStatus, to: OrderStatus) {
    super(`order ${orderId} cannot go from ${from} to ${to}`);
  }
}

/**
 * What one transaction does to orders and fills, for every exchange alike: orders are made `new`, every status
 * change is checked against {@link ORDER_TRANSITIONS} and recorded with its time, and {@link write} puts it all in
 * the database in as few statements as it can. What changed is published only after the commit (see
 * `OrderEvents`), so nobody hears of what a rollback undid.
 */
export class OrderChanges {
  readonly orders = new Map<string, OrderEntity>();
  readonly transitions: OrderTransitionEntity[] = [];
  readonly fills: FillEntity[] = [];
  /** Orders made in this transaction: inserted once, in their final state. */
  private readonly created = new Set<string>();
  /** Orders that existed before and changed: updated once each. */
  private readonly updated = new Set<string>();

  constructor(private readonly now: () => string) {}

  create(fields: NewOrderFields): OrderEntity {
    const at = this.now();
    const order = Object.assign(new OrderEntity(), {
      lockedAmount: '0',
      ...fields,
      id: randomUUID(),
      status: 'new' as const,
      filledQty: '0',
      averagePrice: null,
      fee: '0',
      exchangeOrderId: null,
      rejectReason: null,
      createdAt: at,
      updatedAt: at,
    });
    this.orders.set(order.id, order);
    this.created.add(order.id);
    this.record(order.id, 'new', at, null);
    return order;
  }

  /**
   * Moves `order` to `status` as the table allows, or throws. Staying in an active status is no change (an
   * open order is still open); a final status is never entered twice.
   */
  transition(order: OrderEntity, status: OrderStatus, reason?: string): void {
    if (order.status === status && isActive(status)) return;
    if (!canTransition(order.status, status)) throw new IllegalOrderTransitionError(order.id, order.status, status);
    const at = this.now();
    order.status = status;
    order.updatedAt = at;
    if (status === 'rejected') order.rejectReason = reason?.slice(0, REASON_LENGTH) ?? null;
    this.changed(order);
    this.record(order.id, status, at, reason ?? null);
  }

  /** Marks an order whose other fields (fills, locks, exchange id) changed, to be written with the rest. */
  changed(order: OrderEntity): void {
    this.orders.set(order.id, order);
    if (!this.created.has(order.id)) this.updated.add(order.id);
  }

  /** Records a trade; one without an exchange trade id (a paper fill) is its own trade. Ids sort in the order of the fills. */
  addFill(fields: Omit<FillEntity, 'id' | 'tradeId'> & { tradeId?: string }): FillEntity {
    const id = nextFillId();
    const fill = Object.assign(new FillEntity(), { ...fields, id, tradeId: fields.tradeId ?? id });
    this.fills.push(fill);
    return fill;
  }

  /** Takes over what another set of changes did (an order of a group that succeeded). */
  merge(other: OrderChanges): void {
    for (const [id, order] of other.orders) this.orders.set(id, order);
    for (const id of other.created) this.created.add(id);
    for (const id of other.updated) if (!this.created.has(id)) this.updated.add(id);
    this.transitions.push(...other.transitions);
    this.fills.push(...other.fills);
  }

  /**
   * New orders once in their final state, changed ones once each, all transitions and fills in one insert each.
   * Every status an order passed through is still recorded, with its time, in its transitions. Called once, at
   * the end of the transaction the changes belong to, which also brings the accounts' positions and equity curve up to
   * date with the fills.
   */
  async write(manager: EntityManager): Promise<void> {
    const created = [...this.created].map((id) => this.orders.get(id) as OrderEntity);
    if (created.length > 0) await manager.insert(OrderEntity, created);
    for (const id of this.updated) {
      const { status, updatedAt, rejectReason, filledQty, averagePrice, fee, feeAsset, lockedAsset, lockedAmount, exchangeOrderId } = this.orders.get(
        id,
      ) as OrderEntity;
      await manager.update(
        OrderEntity,
        { id },
        { status, updatedAt, rejectReason, filledQty, averagePrice, fee, feeAsset, lockedAsset, lockedAmount, exchangeOrderId },
      );
    }
    if (this.transitions.length > 0) await manager.insert(OrderTransitionEntity, this.transitions);
    if (this.fills.length > 0) await manager.insert(FillEntity, this.fills);
    await keepPositions(manager, this.fills);
  }

  private record(orderId: string, status: OrderStatus, at: string, reason: string | null): void {
    this.transitions.push(Object.assign(new OrderTransitionEntity(), { orderId, status, at, reason: reason?.slice(0, REASON_LENGTH) ?? null }));
  }
}
