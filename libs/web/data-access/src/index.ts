export * from './lib/active-account';
export * from './lib/api-errors';
export * from './lib/live-feed';
export * from './lib/market-api';
export * from './lib/toasts';
export * from './lib/trading-api';
export * from './lib/users-api';
export * from './lib/two-factor-api';
