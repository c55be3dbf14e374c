export * from './lib/alerts.module';
export * from './lib/migrations';
