export * from './lib/ccxt-exchange.module';
