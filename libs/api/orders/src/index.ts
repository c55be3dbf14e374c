export * from './lib/orders.module';
export * from './lib/orders.service';
export * from './lib/accounts.service';
export * from './lib/migrations';
export * from './lib/money';
export * from './lib/orders.errors';
// The port and what an exchange adapter records its orders with.
export * from './lib/exchange-adapter';
export * from './lib/exchange-registry';
export * from './lib/order-changes';
export * from './lib/order-events';
export { toOrder, withTransitions } from './lib/order-mapping';
export { AccountEntity } from './lib/entities/account.entity';
export { BalanceEntity } from './lib/entities/balance.entity';
export { ExchangeCredentialsEntity } from './lib/entities/exchange-credentials.entity';
export { FillEntity } from './lib/entities/fill.entity';
export { OrderEntity } from './lib/entities/order.entity';
export { OrderTransitionEntity } from './lib/entities/order-transition.entity';
