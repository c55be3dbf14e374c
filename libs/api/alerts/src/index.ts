export * from './lib/alerts.module';
export * from './lib/migrations';
export { AlertBook, type WatchedAlert } from './lib/alert-book';
