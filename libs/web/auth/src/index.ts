export * from './lib/auth-session';
export * from './lib/auth.guard';
export * from './lib/auth.interceptor';
