import { cpus } from 'node:os';
import { printSuite } from './report';
import { benchConsole } from './suites/console';
import { benchMarketHttp } from './suites/market-http';
import { benchOrderEntry } from './suites/order-entry';
import { benchPaperEngine } from './suites/paper-engine';
import { benchSimulatedCandles } from './suites/simulated-candles';

/** Seconds each load run lasts; BENCH_SECONDS=3 gives a quick, noisier look. */
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);

async function main(): Promise<void> {
  console.log(`# Lilux benchmarks\nNode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`);
  printSuite(benchSimulatedCandles());
  printSuite(await benchMarketHttp(SECONDS));
  printSuite(await benchPaperEngine());
  printSuite(await benchOrderEntry(SECONDS));
  printSuite(await benchConsole());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
