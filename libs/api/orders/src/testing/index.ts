export * from './trading-test-bed';
export { TriggerIndex } from '../lib/engine/trigger-index';
export { PaperMatchingEngine } from '../lib/paper/paper-matching-engine';
