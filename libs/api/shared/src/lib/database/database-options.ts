import { isAbsolute, resolve } from 'node:path';
import { types } from 'pg';
import type { DataSourceOptions, MixedList } from 'typeorm';

type Migrations = MixedList<string | (new () => unknown)>;

/**
 * TypeORM options for a DATABASE_URL. SQLite runs in WAL mode with foreign keys on (TypeORM's sqlite driver
 * turns those on at connect); PostgreSQL takes the URL as is. Migrations always run; nothing synchronizes.
 */
export function databaseOptions(databaseUrl: string, migrations: Migrations): DataSourceOptions {
  const common = { migrations, migrationsRun: true, synchronize: false } as const;
  const file = sqliteFile(databaseUrl);
  if (file !== undefined) {
    return {
      ...common,
      type: 'sqlite',
      database: file,
      enableWAL: true,
      busyTimeout: 5000,
    };
  }
  readTimesAsIsoStrings();
  return { ...common, type: 'postgres', url: databaseUrl };
}

/** The absolute path of a `sqlite:` DATABASE_URL's file (relative ones are to the working directory), or undefined. */
export function sqliteFile(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('sqlite:')) return undefined;
  const file = databaseUrl.slice('sqlite:'.length);
  return isAbsolute(file) ? file : resolve(process.cwd(), file);
}

/** The driver's own parser, taken once: setting ours again must not wrap it twice. */
const parseTimestamptz = types.getTypeParser(types.builtins.TIMESTAMPTZ);

/**
 * Times are ISO-8601 strings in UTC throughout Lilux (what SQLite stores, what the API sends); `pg` would read a
 * `timestamptz` as a Date. The parser is the driver's, for the whole process: only Lilux's own columns use it.
 */
function readTimesAsIsoStrings(): void {
  types.setTypeParser(types.builtins.TIMESTAMPTZ, (value: string) => (parseTimestamptz(value) as Date).toISOString());
}
