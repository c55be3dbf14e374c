import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { AUTH_MIGRATIONS, AuthModule } from '@lilux/api/auth';
import { CryptoModule } from '@lilux/api/crypto';
import { DatabaseModule, Environment, HealthModule, validateEnvironment } from '@lilux/api/shared';
import { USERS_MIGRATIONS, UsersModule } from '@lilux/api/users';
import { requestLoggerOptions } from './request-logger.options';

@Module({
  imports: [
    // The entry point has loaded `.env` into process.env and validated it already; this keeps the typed copy.
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: validateEnvironment }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => requestLoggerOptions(config.get('LOG_LEVEL', { infer: true })),
    }),
    DatabaseModule.forRoot([...USERS_MIGRATIONS, ...AUTH_MIGRATIONS]),
    HealthModule,
    CryptoModule,
    UsersModule,
    AuthModule,
  ],
})
export class AppModule {}
