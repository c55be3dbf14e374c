export * from './lib/binance-test-server';
export * from './lib/api-process';
export * from './lib/http-client';
export * from './lib/isolated-config';
export * from './lib/test-database';
export * from './lib/notification-test-servers';
