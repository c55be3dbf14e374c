export * from './lib/auth.module';
export * from './lib/authenticated-user';
export * from './lib/decorators/current-user.decorator';
export * from './lib/migrations';
export * from './lib/token.service';
export * from './lib/sessions/sessions.service';
export type { SessionEndReason } from './lib/sessions/session.entity';
