export * from './lib/auth-session';
export * from './lib/auth.guard';
export * from './lib/auth.interceptor';
export * from './lib/signed-in-user';
