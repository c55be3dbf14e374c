// Runs the API's end-to-end suite once more with every API process on a PostgreSQL database of its own.
// Without a PostgreSQL server it says in one line that it skipped and why, and passes, unless
// LILUX_REQUIRE_POSTGRES=1 (CI), where a suite that cannot run is a failure.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('../..', import.meta.url));
const adminUrl = process.env.LILUX_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const server = new URL(adminUrl).host;

try {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  await client.end();
} catch (error) {
  const reason = error.code ?? error.message;
  if (process.env.LILUX_REQUIRE_POSTGRES === '1') {
    console.error(`api-e2e on PostgreSQL: required (LILUX_REQUIRE_POSTGRES=1) but no PostgreSQL answers at ${server} (${reason})`);
    process.exit(1);
  }
  console.log(`api-e2e on PostgreSQL: skipped, no PostgreSQL answers at ${server} (${reason}); LILUX_TEST_POSTGRES_URL names another`);
  process.exit(0);
}

const jest = spawnSync(`${root}/node_modules/.bin/jest`, ['-c', 'apps/api-e2e/jest.config.cts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, LILUX_TEST_DATABASE: 'postgres' },
});
process.exit(jest.status ?? 1);
