import { postgresAdminUrl } from '@lilux/api/testing';
import { connect } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { printSuite } from './report';
import { benchAlerts } from './suites/alerts';
import { benchClusterOrderEntry } from './suites/cluster-order-entry';
import { benchConsole } from './suites/console';
import { benchLists } from './suites/lists';
import { benchLiveFeed } from './suites/live-feed';
import { benchMarketHttp } from './suites/market-http';
import { benchOhlcvCold } from './suites/ohlcv-cold';
import { benchOrderEntry } from './suites/order-entry';
import { benchPaperEngine } from './suites/paper-engine';
import { benchPortfolio } from './suites/portfolio';
import { benchRateLimitStorage } from './suites/rate-limit-storage';
import { benchSimulatedCandles } from './suites/simulated-candles';

/** Seconds each load run lasts; BENCH_SECONDS=3 gives a quick, noisier look. */
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
/** `BENCH_SUITES=market-http,live-feed` runs only those suites (named as their files in suites/): a whole run takes minutes. */
const CHOSEN_SUITES = process.env['BENCH_SUITES']?.split(',').map((name) => name.trim());
const isChosen = (suite: string) => CHOSEN_SUITES === undefined || CHOSEN_SUITES.includes(suite);

async function main(): Promise<void> {
  console.log(
    `# Lilux benchmarks\nNode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  );
  if (isChosen('simulated-candles')) printSuite(benchSimulatedCandles());
  if (isChosen('rate-limit-storage')) printSuite(await benchRateLimitStorage());
  if (isChosen('market-http')) printSuite(await benchMarketHttp(SECONDS));
  if (isChosen('live-feed')) printSuite(await benchLiveFeed(SECONDS));
  if (isChosen('ohlcv-cold')) printSuite(await benchOhlcvCold());
  if (isChosen('paper-engine')) printSuite(await benchPaperEngine());
  if (isChosen('order-entry')) printSuite(await benchOrderEntry(SECONDS));
  if (isChosen('lists')) printSuite(await benchLists());
  if (isChosen('cluster-order-entry')) {
    const redisUrl = process.env['LILUX_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    if ((await answers(postgresAdminUrl())) && (await answers(redisUrl))) printSuite(await benchClusterOrderEntry(SECONDS, redisUrl));
    else
      console.log(
        `\n## Order entry on PostgreSQL, one instance and two\nskipped: needs PostgreSQL at ${new URL(postgresAdminUrl()).host} and Redis at ${new URL(redisUrl).host}`,
      );
  }
  if (isChosen('console')) printSuite(await benchConsole());
  if (isChosen('portfolio')) printSuite(await benchPortfolio());
  if (isChosen('alerts')) printSuite(benchAlerts());
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
