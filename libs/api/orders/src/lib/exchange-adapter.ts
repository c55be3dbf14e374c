import type { Balance, Market, Order, OrderSide, OrderType } from '@lilux/contracts';
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
 * The port every exchange implements (the paper engine here; Binance through ccxt with the exchange-accounts
 * issue). Orders and Portfolio talk to this, never to a particular exchange. `placeOrder` returns the
 * already-existing order when the account has one with the same client order id.
 */
export interface ExchangeAdapter {
  placeOrder(placement: OrderPlacement): Promise<{ order: Order; created: boolean }>;
  cancelOrder(order: OrderEntity): Promise<Order>;
  fetchBalances(account: AccountEntity): Promise<Balance[]>;
}
