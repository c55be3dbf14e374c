// Runs the API's end-to-end suite once more with every API process on a PostgreSQL database of its own, and, when
// Redis answers and nginx is installed too, the cluster suite: several API processes on one database and one
// Redis, some behind deploy/nginx.conf. What cannot run for want of a server is said in one line and passes,
// unless LILUX_REQUIRE_SERVICES=1 (CI): there it fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Redis from 'ioredis';
import pg from 'pg';

const root = fileURLToPath(new URL('../..', import.meta.url));
const postgresUrl = process.env.LILUX_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.LILUX_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const nginxPath = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const isRequired = process.env.LILUX_REQUIRE_SERVICES === '1';

async function reasonPostgresIsMissing() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return null;
  } catch (error) {
    return error.code ?? error.message;
  }
}

async function reasonRedisIsMissing() {
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return error.code ?? error.message;
  } finally {
    redis.disconnect();
  }
}

function missing(suite, server, where) {
  if (isRequired) {
    console.error(`${suite}: required (LILUX_REQUIRE_SERVICES=1) but no ${server} ${where}`);
    process.exit(1);
  }
  console.log(`${suite}: skipped, no ${server} ${where}`);
}

const postgresMissing = await reasonPostgresIsMissing();
if (postgresMissing) {
  missing('api-e2e on PostgreSQL and the cluster suite', 'PostgreSQL', `answers at ${new URL(postgresUrl).host} (${postgresMissing})`);
  process.exit(0);
}
const redisMissing = await reasonRedisIsMissing();
if (redisMissing) missing('the cluster suite (api-e2e/src/cluster)', 'Redis', `answers at ${new URL(redisUrl).host} (${redisMissing})`);
const nginxMissing = !existsSync(nginxPath);
if (nginxMissing && !redisMissing) missing('the cluster suite (api-e2e/src/cluster)', 'nginx', `at ${nginxPath} (apt-get install nginx, or NGINX_PATH)`);
const canRunCluster = !redisMissing && !nginxMissing;

function jest(args, environment) {
  const run = spawnSync(`${root}/node_modules/.bin/jest`, ['-c', 'apps/api-e2e/jest.config.cts', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LILUX_TEST_DATABASE: 'postgres', LILUX_TEST_REDIS_URL: redisUrl, ...environment },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

// The cluster suite times what crosses instances (a logout refused elsewhere within a second): it runs alone,
// after the rest, so that other suites' processes do not starve its own.
// Paths given on the command line choose tests in either run; a run they leave empty passes.
const chosen = process.argv.slice(2);
const choice = chosen.length > 0 ? ['--passWithNoTests', ...chosen] : [];
jest(choice, {});
if (canRunCluster) jest(['--runInBand', ...(chosen.length > 0 ? choice : ['apps/api-e2e/src/cluster'])], { LILUX_TEST_CLUSTER: '1' });
