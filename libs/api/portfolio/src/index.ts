export * from './lib/portfolio.module';
