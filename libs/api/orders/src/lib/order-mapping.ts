import type { Order, Trade } from '@lilux/contracts';
import { EntityManager, In } from 'typeorm';
import { FillEntity } from './entities/fill.entity';
import { OrderTransitionEntity } from './entities/order-transition.entity';
import { OrderEntity } from './entities/order.entity';

export function toOrder(entity: OrderEntity, transitions: OrderTransitionEntity[]): Order {
  return {
    id: entity.id,
    accountId: entity.accountId,
    clientOrderId: entity.clientOrderId,
    symbol: entity.symbol,
    side: entity.side,
    type: entity.type,
    role: entity.role,
    parentId: entity.parentId,
    status: entity.status,
    qty: entity.qty,
    price: entity.price,
    sl: entity.sl,
    tp: entity.tp,
    filledQty: entity.filledQty,
    averagePrice: entity.averagePrice,
    fee: entity.fee,
    feeAsset: entity.feeAsset,
    lockedAmount: entity.lockedAmount,
    lockedAsset: entity.lockedAsset,
    rejectReason: entity.rejectReason,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    // Transitions come oldest first: from the database ordered by id, or in the order a transaction made them.
    transitions: transitions
      .filter((transition) => transition.orderId === entity.id)
      .map((transition) => ({ status: transition.status, at: transition.at, ...(transition.reason ? { reason: transition.reason } : {}) })),
  };
}

export function toTrade(fill: FillEntity): Trade {
  return {
    id: fill.id,
    orderId: fill.orderId,
    accountId: fill.accountId,
    time: fill.executedAt,
    symbol: fill.symbol,
    side: fill.side,
    qty: fill.qty,
    price: fill.price,
    quoteQty: fill.quoteQty,
    fee: fill.fee,
    feeAsset: fill.feeAsset,
    liquidity: fill.liquidity,
  };
}

/** Orders as the API shows them, their transitions read in one query, oldest first. */
export async function withTransitions(manager: EntityManager, orders: OrderEntity[]): Promise<Order[]> {
  if (orders.length === 0) return [];
  const transitions = await manager.find(OrderTransitionEntity, { where: { orderId: In(orders.map((order) => order.id)) }, order: { id: 'ASC' } });
  return orders.map((order) => toOrder(order, transitions));
}
