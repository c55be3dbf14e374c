export * from './lib/live.module';
export * from './lib/live.gateway';
