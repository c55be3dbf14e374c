import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../config/environment';
import { databaseOptions } from './database-options';
import { Leadership } from '../cluster/leadership';
import { CreateLeases1764500000000 } from './migrations/1764500000000-create-leases';
import { Transactions } from './transactions';

@Module({})
export class DatabaseModule {
  /** `migrations`: every feature lib's migrations (this lib adds its own); entities come from each lib's TypeOrmModule.forFeature. */
  static forRoot(migrations: (new () => unknown)[]): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [Transactions, Leadership],
      exports: [Transactions, Leadership],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Environment, true>) => ({
            ...databaseOptions(config.get('DATABASE_URL', { infer: true }), [CreateLeases1764500000000, ...migrations]),
            autoLoadEntities: true,
          }),
        }),
      ],
    };
  }
}
