import { OrderEntity } from './entities/order.entity';
import { IllegalOrderTransitionError, OrderChanges } from './order-changes';

function newOrder(changes: OrderChanges): OrderEntity {
  return changes.create({
    userId: 'u',
    accountId: 'a',
    clientOrderId: 'c',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    role: 'entry',
    parentId: null,
    qty: '1',
    price: '100',
    sl: null,
    tp: null,
    feeAsset: 'USDT',
    lockedAsset: 'USDT',
  });
}

describe('OrderChanges', () => {
  let seconds = 0;
  const changes = () => new OrderChanges(() => new Date(Date.UTC(2026, 10, 26, 0, 0, seconds++)).toISOString());

  it('makes an order new and records every status it passes through, with its time', () => {
    const set = changes();
    const order = newOrder(set);
    set.transition(order, 'open');
    set.transition(order, 'partially_filled');
    set.transition(order, 'filled');
    expect(order.status).toBe('filled');
    expect(set.transitions.map((transition) => transition.status)).toEqual(['new', 'open', 'partially_filled', 'filled']);
    expect(new Set(set.transitions.map((transition) => transition.at)).size).toBe(4);
  });

  it('refuses a transition the table forbids and leaves the order as it was', () => {
    const set = changes();
    const order = newOrder(set);
    set.transition(order, 'canceled');
    expect(() => set.transition(order, 'filled')).toThrow(IllegalOrderTransitionError);
    expect(() => set.transition(order, 'canceled')).toThrow('cannot go from canceled to canceled');
    expect(order.status).toBe('canceled');
    expect(set.transitions).toHaveLength(2);
  });

  it('takes staying in an active status as no change', () => {
    const set = changes();
    const order = newOrder(set);
    set.transition(order, 'open');
    set.transition(order, 'open');
    expect(set.transitions.map((transition) => transition.status)).toEqual(['new', 'open']);
  });

  it('keeps a rejection reason within what its columns hold, on the order and in its transition', () => {
    const set = changes();
    const order = newOrder(set);
    set.transition(order, 'rejected', 'x'.repeat(300));
    expect(order.rejectReason).toHaveLength(200);
    expect(set.transitions[1].reason).toHaveLength(200);
  });

  it('gives a paper fill its own id as its trade id, and an exchange fill the exchange trade id', () => {
    const set = changes();
    const order = newOrder(set);
    const fill = {
      orderId: order.id,
      accountId: 'a',
      symbol: 'BTC/USDT',
      side: 'buy' as const,
      qty: '1',
      price: '100',
      quoteQty: '100',
      fee: '0.1',
      feeAsset: 'USDT',
      liquidity: 'maker' as const,
      executedAt: order.createdAt,
    };
    const paper = set.addFill(fill);
    const exchange = set.addFill({ ...fill, tradeId: '5001' });
    expect(paper.tradeId).toBe(paper.id);
    expect(exchange.tradeId).toBe('5001');
  });
});
