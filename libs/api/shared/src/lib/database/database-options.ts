import { isAbsolute, resolve } from 'node:path';
import type { DataSourceOptions, MixedList } from 'typeorm';

type Migrations = MixedList<string | (new () => unknown)>;

/**
 * TypeORM options for a DATABASE_URL. SQLite runs in WAL mode with foreign keys on (TypeORM's sqlite driver
 * turns those on at connect); PostgreSQL takes the URL as is. Migrations always run; nothing synchronizes.
 */
export function databaseOptions(databaseUrl: string, migrations: Migrations): DataSourceOptions {
  const common = { migrations, migrationsRun: true, synchronize: false } as const;
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    return {
      ...common,
      type: 'sqlite',
      database: isAbsolute(file) ? file : resolve(process.cwd(), file),
      enableWAL: true,
      busyTimeout: 5000,
    };
  }
  return { ...common, type: 'postgres', url: databaseUrl };
}
