import type { AccountKind, Balance, FeeRates, Market, Order, OrderSide, OrderType, PositionProtection } from '@lilux/contracts';
import { AccountEntity } from './entities/account.entity';
import { OrderEntity } from './entities/order.entity';
import { Money, toDecimalString } from './money';
import type { NewOrderFields } from './order-changes';

/** An order that passed validation and the market's rules, ready for an exchange. */
export interface OrderPlacement {
  userId: string;
  account: AccountEntity;
  market: Market;
  clientOrderId: string;
  side: OrderSide;
  type: OrderType;
  qty: Money;
  limitPrice?: Money;
  sl?: Money;
  tp?: Money;
}

/** New stop-loss / take-profit levels for a held position, checked against the market; none of either removes it. */
export interface ProtectionChange {
  userId: string;
  account: AccountEntity;
  market: Market;
  sl?: Money;
  tp?: Money;
}

/** The entry order a placement asks for, as both exchanges record it; each adds where its fee and lock go. */
export function entryOf(placement: OrderPlacement): Omit<NewOrderFields, 'feeAsset' | 'lockedAsset'> {
  return {
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
  };
}

/**
 * The port every exchange implements, one adapter per kind of account (the paper exchange; Binance testnet and
 * live through ccxt). Order entry and accounts (and through them Portfolio) reach it through the
 * {@link ExchangeRegistry}, never a particular exchange.
 */
export interface ExchangeAdapter {
  /** The kinds of account this adapter trades for. */
  readonly kinds: readonly AccountKind[];
  /** Places an order, or returns the account's existing order with the same client order id (`created: false`). */
  placeOrder(placement: OrderPlacement): Promise<{ order: Order; created: boolean }>;
  cancelOrder(order: OrderEntity): Promise<Order>;
  /** The order as the exchange knows it now: an order whose fate is unknown is asked for before it is answered. */
  lookUp(order: OrderEntity): Promise<Order>;
  fetchBalances(account: AccountEntity): Promise<Balance[]>;
  /**
   * Replaces the stop-loss / take-profit legs resting on the position with one pair for the position as it is
   * now (or none): all or nothing on paper; on an exchange, what it did is recorded and a failure says so.
   */
  protectPosition(change: ProtectionChange): Promise<PositionProtection>;
  feeRates(account: AccountEntity): FeeRates;
}
