import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { MixedList } from 'typeorm';
import { Environment } from '../config/environment';
import { databaseOptions } from './database-options';
import { Transactions } from './transactions';

@Module({})
export class DatabaseModule {
  /** `migrations`: every feature lib's migrations; entities come from each lib's TypeOrmModule.forFeature. */
  static forRoot(migrations: MixedList<new () => unknown>): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [Transactions],
      exports: [Transactions],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<Environment, true>) => ({
            ...databaseOptions(config.get('DATABASE_URL', { infer: true }), migrations),
            autoLoadEntities: true,
          }),
        }),
      ],
    };
  }
}
