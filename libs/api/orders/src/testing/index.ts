export * from './trading-test-bed';
