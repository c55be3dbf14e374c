import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { AlertsModule } from '@lilux/api/alerts';
import { AuditModule } from '@lilux/api/audit';
import { AuthModule } from '@lilux/api/auth';
import { CryptoModule } from '@lilux/api/crypto';
import { LiveModule } from '@lilux/api/live';
import { MarketModule } from '@lilux/api/market';
import { CcxtExchangeModule } from '@lilux/api/ccxt-exchange';
import { ExchangeRegistry, OrdersModule } from '@lilux/api/orders';
import { PaperExchangeModule } from '@lilux/api/paper-exchange';
import { PortfolioModule } from '@lilux/api/portfolio';
import { ClockModule, ClusterModule, DatabaseModule, Environment, HealthModule, validateEnvironment } from '@lilux/api/shared';
import { UsersModule } from '@lilux/api/users';
import { loggerOptions } from './logger.options';
import { FEATURE_MIGRATIONS } from './migrations';

@Module({
  imports: [
    // The entry point has loaded `.env` into process.env and validated it already; this keeps the typed copy.
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: validateEnvironment }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => loggerOptions(config.get('LOG_LEVEL', { infer: true })),
    }),
    ClockModule,
    ClusterModule,
    DatabaseModule.forRoot(FEATURE_MIGRATIONS),
    HealthModule,
    CryptoModule,
    UsersModule,
    AuthModule,
    MarketModule,
    LiveModule,
    OrdersModule,
    PaperExchangeModule,
    CcxtExchangeModule,
    PortfolioModule,
    AuditModule,
    AlertsModule,
  ],
})
export class AppModule implements OnApplicationBootstrap {
  constructor(private readonly exchanges: ExchangeRegistry) {}

  onApplicationBootstrap(): void {
    this.exchanges.assertEveryKindHasAnAdapter();
  }
}
