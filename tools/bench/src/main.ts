import { postgresAdminUrl } from '@lilux/api/testing';
import { connect } from 'node:net';
import { cpus } from 'node:os';
import { printSuite } from './report';
import { benchClusterOrderEntry } from './suites/cluster-order-entry';
import { benchConsole } from './suites/console';
import { benchLists } from './suites/lists';
import { benchMarketHttp } from './suites/market-http';
import { benchOhlcvCold } from './suites/ohlcv-cold';
import { benchOrderEntry } from './suites/order-entry';
import { benchPaperEngine } from './suites/paper-engine';
import { benchPortfolio } from './suites/portfolio';
import { benchSimulatedCandles } from './suites/simulated-candles';

/** Seconds each load run lasts; BENCH_SECONDS=3 gives a quick, noisier look. */
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
/** BENCH_SUITES=lists,order-entry runs only those suites (named as their files in suites/); all of them when unset. */
const CHOSEN = process.env['BENCH_SUITES']?.split(',');
const runs = (suite: string) => CHOSEN === undefined || CHOSEN.includes(suite);

async function main(): Promise<void> {
  console.log(`# Lilux benchmarks\nNode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
  if (runs('simulated-candles')) printSuite(benchSimulatedCandles());
  if (runs('market-http')) printSuite(await benchMarketHttp(SECONDS));
  if (runs('ohlcv-cold')) printSuite(await benchOhlcvCold());
  if (runs('paper-engine')) printSuite(await benchPaperEngine());
  if (runs('order-entry')) printSuite(await benchOrderEntry(SECONDS));
  if (runs('lists')) printSuite(await benchLists());
  if (runs('cluster-order-entry')) {
    const redisUrl = process.env['LILUX_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    if ((await answers(postgresAdminUrl())) && (await answers(redisUrl))) printSuite(await benchClusterOrderEntry(SECONDS, redisUrl));
    else
      console.log(
        `\n## Order entry on PostgreSQL, one instance and two\nskipped: needs PostgreSQL at ${new URL(postgresAdminUrl()).host} and Redis at ${new URL(redisUrl).host}`,
      );
  }
  if (runs('console')) printSuite(await benchConsole());
  if (runs('portfolio')) printSuite(await benchPortfolio());
}

/** Whether something listens at the URL's host and port. */
function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
