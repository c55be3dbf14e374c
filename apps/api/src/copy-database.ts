import { copyDatabase, databaseOptions, SHARED_MIGRATIONS } from '@lilux/api/shared';
import { DataSource } from 'typeorm';
import { loadEnvironmentOrExit } from './app/load-environment';
import { FEATURE_MIGRATIONS } from './app/migrations';

/**
 * `npm run db:copy -- postgres://user:password@host:port/db`: copies the database DATABASE_URL names (the SQLite
 * file of a default install) into an empty PostgreSQL database, every table and row as it is, so a trader who
 * started on the default keeps their history. Stop the server first; start it again with the new DATABASE_URL.
 */
async function copy(): Promise<void> {
  const environment = loadEnvironmentOrExit();
  const targetUrl = process.argv[2];
  if (!targetUrl || !/^postgres(ql)?:\/\/.+/.test(targetUrl)) {
    console.error('usage: npm run db:copy -- postgres://user:password@host:port/db (an empty database)');
    process.exit(2);
  }
  const migrations = [...SHARED_MIGRATIONS, ...FEATURE_MIGRATIONS];
  // Both are brought to the same schema first: the source as the server would at its next start.
  const source = await new DataSource(databaseOptions(environment.DATABASE_URL, migrations)).initialize();
  const target = await new DataSource(databaseOptions(targetUrl, migrations)).initialize();
  try {
    const copied = await copyDatabase(source, target);
    for (const { table, rows } of copied) console.log(`${table}: ${rows} row(s)`);
    const total = copied.reduce((sum, { rows }) => sum + rows, 0);
    console.log(`copied ${total} row(s) into ${redacted(targetUrl)}; set DATABASE_URL to it and start Lilux`);
  } finally {
    await source.destroy();
    await target.destroy();
  }
}

function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

copy().catch((error: unknown) => {
  console.error(`copy failed, nothing was written: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
