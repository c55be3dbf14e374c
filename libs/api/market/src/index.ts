export * from './lib/market.module';
export * from './lib/market.service';
export * from './lib/market-data.errors';
export * from './lib/cache/candle-cache';
export * from './lib/sources/market-data-source';
export * from './lib/sources/ccxt-market-data';
export * from './lib/sources/simulated-market-data';
export * from './lib/sources/choose-market-source';
