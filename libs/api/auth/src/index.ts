export * from './lib/auth.module';
export * from './lib/authenticated-user';
export * from './lib/decorators/current-user.decorator';
export * from './lib/migrations';
export * from './lib/token.service';
export * from './lib/sessions/sessions.service';
export type { SessionEndReason } from './lib/sessions/session.entity';
export * from './lib/two-factor/dto/two-factor-proof.dto';
export * from './lib/two-factor/step-up.service';
export * from './lib/two-factor/two-factor-enrolment.guard';
// For feature modules that ask for a step-up: StepUpService without the token and guard set-up of AuthModule.
export * from './lib/two-factor/two-factor.module';
export * from './lib/throttling/fixed-window-throttler-storage';
