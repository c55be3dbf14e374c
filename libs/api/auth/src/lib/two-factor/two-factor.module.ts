import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '@lilux/api/crypto';
import { Clock, Environment, REDIS } from '@lilux/api/shared';
import { UsersModule } from '@lilux/api/users';
import type Redis from 'ioredis';
import { CodeAttempts, MemoryCodeAttempts, RedisCodeAttempts } from './code-attempts';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { StepUpService } from './step-up.service';
import { TwoFactorPolicyEntity } from './two-factor-policy.entity';
import { TwoFactorPolicyService } from './two-factor-policy.service';
import { TwoFactorController } from './two-factor.controller';
import { TwoFactorEntity } from './two-factor.entity';
import { TwoFactorService } from './two-factor.service';

/**
 * TOTP enrolment, recovery codes, step-up and the policy. AuthModule imports and re-exports it; a feature module
 * that only asks for a step-up (exchange accounts) imports this one, which needs no JWT set-up.
 */
@Module({
  imports: [UsersModule, CryptoModule, TypeOrmModule.forFeature([TwoFactorEntity, RecoveryCodeEntity, TwoFactorPolicyEntity])],
  controllers: [TwoFactorController],
  providers: [
    TwoFactorService,
    TwoFactorPolicyService,
    StepUpService,
    {
      provide: CodeAttempts,
      inject: [REDIS, ConfigService, Clock],
      // In memory for one process; in Redis, shared by every instance, when there is one.
      useFactory: (redis: Redis | null, config: ConfigService<Environment, true>, clock: Clock): CodeAttempts =>
        redis ? new RedisCodeAttempts(redis, config.get('REDIS_PREFIX', { infer: true })) : new MemoryCodeAttempts(clock),
    },
  ],
  exports: [TwoFactorService, TwoFactorPolicyService, StepUpService],
})
export class TwoFactorModule {}
