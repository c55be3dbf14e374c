export * from './lib/money';
export * from './lib/market-rules';
