export * from './lib/orders.module';
export * from './lib/orders.service';
export * from './lib/accounts.service';
export * from './lib/migrations';
export * from './lib/money';
export { AccountEntity } from './lib/entities/account.entity';
