export * from './lib/money';
export * from './lib/market-rules';
export * from './lib/average-cost';
