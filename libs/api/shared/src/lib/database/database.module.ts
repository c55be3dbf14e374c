import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../config/environment';
import { databaseOptions, sqliteFile } from './database-options';
import { makeDatabaseFilePrivate } from './private-database-files';
import { Leadership } from '../cluster/leadership';
import { SHARED_MIGRATIONS } from './migrations';
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
          useFactory: (config: ConfigService<Environment, true>) => {
            const databaseUrl = config.get('DATABASE_URL', { infer: true });
            const file = sqliteFile(databaseUrl);
            if (file !== undefined) makeDatabaseFilePrivate(file);
            return { ...databaseOptions(databaseUrl, [...SHARED_MIGRATIONS, ...migrations]), autoLoadEntities: true };
          },
        }),
      ],
    };
  }
}
