export * from './lib/binance-client';
