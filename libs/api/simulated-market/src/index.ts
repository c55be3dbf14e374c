export * from './lib/instruments';
export * from './lib/simulated-market';
