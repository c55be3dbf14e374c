export * from './lib/paper-exchange.module';
export { PaperMatchingEngine } from './lib/paper-matching-engine';
