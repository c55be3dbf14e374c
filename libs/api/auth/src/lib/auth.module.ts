import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, Environment, REDIS } from '@lilux/api/shared';
import type Redis from 'ioredis';
import { AuditModule } from '@lilux/api/audit';
import { UsersModule } from '@lilux/api/users';
import { AuthController } from './auth.controller';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, tokenSigningKey } from './authenticated-user';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { ReadOnlyRoleGuard } from './guards/read-only-role.guard';
import { RolesGuard } from './guards/roles.guard';
import { RefreshTokenEntity } from './sessions/refresh-token.entity';
import { SessionEntity } from './sessions/session.entity';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { JwtStrategy } from './strategies/jwt.strategy';
import { FixedWindowThrottlerStorage } from './throttling/fixed-window-throttler-storage';
import { throttlerOptions } from './throttling/login-throttle';
import { RateLimitGuard } from './throttling/rate-limit.guard';
import { SharedThrottlerStorage } from './throttling/shared-throttler-storage';
import { ThrottledLogins } from './throttling/throttled-logins';
import { TokenService } from './token.service';
import { VerifiedTokens } from './verified-tokens';
import { TwoFactorEnrolmentGuard } from './two-factor/two-factor-enrolment.guard';
import { TwoFactorModule } from './two-factor/two-factor.module';

type Config = ConfigService<Environment, true>;

/** Login, sessions, tokens, two-factor authentication and the global guards, in order: rate limit, authentication, role, read-only role, 2FA enrolment. */
@Module({
  imports: [
    UsersModule,
    TwoFactorModule,
    AuditModule,
    PassportModule,
    TypeOrmModule.forFeature([SessionEntity, RefreshTokenEntity]),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: Config) => ({
        secret: tokenSigningKey(config.get('JWT_SECRET', { infer: true })),
        signOptions: { algorithm: TOKEN_ALGORITHM, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
        verifyOptions: { algorithms: [TOKEN_ALGORITHM], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, REDIS, Clock],
      useFactory: (config: Config, redis: Redis | null, clock: Clock) => ({
        ...throttlerOptions(
          config.get('RATE_LIMIT_PER_MINUTE', { infer: true }),
          config.get('LOGIN_RATE_LIMIT_PER_MINUTE', { infer: true }),
          config.get('LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE', { infer: true }),
        ),
        // In memory for one process; in Redis, shared by every instance, when there is one.
        storage: redis ? new SharedThrottlerStorage(redis, config.get('REDIS_PREFIX', { infer: true })) : new FixedWindowThrottlerStorage(clock),
      }),
    }),
  ],
  controllers: [AuthController, SessionsController],
  providers: [
    TokenService,
    SessionsService,
    JwtStrategy,
    VerifiedTokens,
    ThrottledLogins,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_GUARD, useClass: ReadOnlyRoleGuard },
    { provide: APP_GUARD, useClass: TwoFactorEnrolmentGuard },
  ],
  exports: [TokenService, SessionsService, TwoFactorModule],
})
export class AuthModule {}
