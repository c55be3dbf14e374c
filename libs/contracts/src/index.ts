export * from './lib/auth';
export * from './lib/errors';
export * from './lib/health';
export * from './lib/users';
export * from './lib/market';
export * from './lib/orders';
export * from './lib/order-states';
export * from './lib/audit';
