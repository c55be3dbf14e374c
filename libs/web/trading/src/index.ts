export * from './lib/chart-panel';
export * from './lib/open-orders-panel';
export * from './lib/order-ticket';
export * from './lib/portfolio-panel';
export * from './lib/ticket-check';
export * from './lib/trade-history-panel';
export * from './lib/trading-store';
export * from './lib/keyboard-shortcuts';
