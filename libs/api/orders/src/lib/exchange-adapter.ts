import type { AccountKind, Balance, FeeRates, Market, Order, OrderSide, OrderType } from '@lilux/contracts';
import { AccountEntity } from './entities/account.entity';
import { OrderEntity } from './entities/order.entity';
import { Money } from './money';

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
  feeRates(account: AccountEntity): FeeRates;
}
