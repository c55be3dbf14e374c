import { CandleCache, CandleQuery, ColdCandleBudget, MarketService, SimulatedMarketData } from '@lilux/api/market';
import { ManualClock } from '@lilux/api/shared';
import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, login, request, startApi } from '@lilux/api/testing';
import type { Timeframe } from '@lilux/contracts';
import { performance } from 'node:perf_hooks';
import { Figure, SuiteResult, formatNumber, median } from '../report';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 12, 30);
const RUNS = 5;
/** The burst: 18 cold daily charts of 1,000 candles, 4 at a time, each from another `since`. */
const BURST_REQUESTS = 18;
const BURST_CONCURRENCY = 4;
const HEALTH_TARGET_MS = 100;

/**
 * What a chart request costs when its candles are not cached: CPU per request by timeframe and limit, in
 * process, and what a burst of cold daily charts does to the latency of everyone else's requests over HTTP.
 */
export async function benchOhlcvCold(): Promise<SuiteResult> {
  const cases: [Timeframe, number][] = [
    ['1d', 100],
    ['1d', 1000],
    ['4h', 1000],
    ['1h', 1000],
    ['15m', 1000],
  ];
  const figures: Figure[] = [];
  for (const [timeframe, limit] of cases) {
    const runs: number[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await coldRequestCpuMs(timeframe, limit, run));
    figures.push({ name: `cold ${timeframe} × ${limit}, CPU per request`, value: `${formatNumber(median(runs), 1)} ms` });
  }
  const daily: CandleQuery = { symbol: 'BTC/USDT', timeframe: '1d', limit: 1000, since: Date.UTC(2020, 0, 1) };
  const market = new SimulatedMarket(1);
  const service = serviceOver(market);
  await service.candles(daily);
  figures.push({ name: 'warm 1d × 1000 (the same request again)', value: `${formatNumber(await medianCpuMs(() => service.candles(daily)), 2)} ms` });
  figures.push({
    name: '4h × 1000 over the days of that 1d × 1000, new candle cache',
    value: `${formatNumber(await medianCpuMs(() => serviceOver(market).candles({ ...daily, timeframe: '4h' })), 1)} ms`,
  });
  figures.push(...(await healthUnderBursts()));
  return {
    title: 'OHLCV: cold chart requests (simulated feed)',
    conditions:
      `CPU time (process.cpuUsage) of MarketService.candles on a fresh cache, median of ${RUNS} runs with distinct since values; ` +
      `then the built API over HTTP: GET /api/health, one request after the other, while cold 1d × 1000 charts are asked for`,
    figures,
  };
}

function serviceOver(market: SimulatedMarket): MarketService {
  const clock = new ManualClock(NOW);
  const status = { source: 'simulated', mode: 'simulated', since: '' } as const;
  return new MarketService({ source: new SimulatedMarketData(market), status }, new CandleCache(64 * 1024 * 1024), new ColdCandleBudget(clock), clock);
}

async function cpuMsOf(work: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function medianCpuMs(work: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  // One at a time: the process's CPU time is what is measured.
  for (let run = 0; run < RUNS; run++) runs.push(await cpuMsOf(work));
  return median(runs);
}

async function coldRequestCpuMs(timeframe: Timeframe, limit: number, run: number): Promise<number> {
  // Not aligned to anything: a since picked by someone probing for cache misses.
  const since = Date.UTC(2018, 0, 1) + run * 97 * DAY_MS + 7 * 3_600_000;
  const service = serviceOver(new SimulatedMarket(1));
  return cpuMsOf(() => service.candles({ symbol: 'BTC/USDT', timeframe, limit, since }));
}

interface BurstResult {
  health: number[];
  seconds: number;
  statuses: Map<number, number>;
}

/** Cold daily charts, `concurrency` at a time, request i sent by `tokens[i % tokens.length]`, while /api/health is asked over and over. */
async function burst(baseUrl: string, symbol: string, tokens: string[], requests: number, concurrency: number): Promise<BurstResult> {
  const queue = Array.from({ length: requests }, (_, i) => i);
  const statuses = new Map<number, number>();
  const health: number[] = [];
  let isBursting = true;
  const poll = (async () => {
    while (isBursting) health.push(await healthMs(baseUrl));
  })();
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        // Far apart, so that no request finds another's candles.
        const since = Date.UTC(1972, 0, 1) + i * 1001 * DAY_MS + i * 3_600_000;
        const answer = await request(baseUrl, 'GET', `/api/ohlcv?symbol=${symbol}&timeframe=1d&limit=1000&since=${since}`, {
          token: tokens[i % tokens.length],
        });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  isBursting = false;
  await poll;
  return { health, seconds, statuses };
}

async function healthMs(baseUrl: string): Promise<number> {
  const began = performance.now();
  await request(baseUrl, 'GET', '/api/health');
  return performance.now() - began;
}

function describeBurst(name: string, { health, seconds, statuses }: BurstResult): Figure[] {
  const healthMedian = median(health);
  const answers = [...statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');
  return [
    {
      name: `${name}: GET /api/health`,
      value: `median ${formatNumber(healthMedian, 1)} ms, p95 ${formatNumber(percentile(health, 0.95), 1)} ms (${health.length} asked)`,
      target: `median ≤ ${HEALTH_TARGET_MS} ms`,
      met: healthMedian <= HEALTH_TARGET_MS,
    },
    { name: `${name}: the charts`, value: `${formatNumber(seconds, 1)} s; ${answers}` },
  ];
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

async function healthUnderBursts(): Promise<Figure[]> {
  const api = await startApi({ MARKET_DATA: 'simulated', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000' });
  try {
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const tokens: string[] = [];
    // The first trader's burst spends his budget; the four of the second burst have theirs whole.
    for (const name of ['one', 'two', 'three', 'four', 'five']) {
      const trader = { username: `bench-${name}`, password: `bench-${name}-password-1` };
      await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: trader });
      tokens.push(await login(api.baseUrl, trader.username, trader.password));
    }
    const quiet: number[] = [];
    for (let i = 0; i < 20; i++) quiet.push(await healthMs(api.baseUrl));
    return [
      { name: 'GET /api/health, quiet', value: `median ${formatNumber(median(quiet), 1)} ms` },
      ...describeBurst(
        `one trader, ${BURST_REQUESTS} charts ${BURST_CONCURRENCY} at a time`,
        await burst(api.baseUrl, 'BTC/USDT', tokens.slice(0, 1), BURST_REQUESTS, BURST_CONCURRENCY),
      ),
      ...describeBurst('four traders, a chart each at once', await burst(api.baseUrl, 'ETH/USDT', tokens.slice(1), 4, 4)),
    ];
  } finally {
    await api.stop();
  }
}
