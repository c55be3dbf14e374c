export * from './lib/binance-test-server';
