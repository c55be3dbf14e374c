import { ADMIN, login, startApi } from '@lilux/api/testing';
import autocannon from 'autocannon';
import { startBareJsonServer } from '../bare-json-server';
import { processCpuSeconds } from '../process-cpu';
import { Figure, SuiteResult, formatNumber } from '../report';

const CONNECTIONS = 50;
const RATIO_TARGET = 0.5;

/** A build of the API to compare with (e.g. main's: `BENCH_BASELINE_API=/path/to/dist/apps/api`), measured in the same run. */
const BASELINE_API = process.env['BENCH_BASELINE_API'];

const ENDPOINTS = [
  { name: 'GET /api/ohlcv?limit=500 (cached)', path: '/api/ohlcv?symbol=BTC/USDT&timeframe=1m&limit=500' },
  { name: 'GET /api/ticker', path: '/api/ticker?symbol=BTC/USDT' },
];

interface Load {
  requests: number;
  requestsPerSecond: number;
  p99Ms: number;
}

async function load(url: string, seconds: number, headers: Record<string, string> = {}): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${url}: ${failed} of ${result.requests.total} requests failed`);
  return { requests: result.requests.total, requestsPerSecond: result.requests.average, p99Ms: result.latency.p99 };
}

interface EndpointRun extends Load {
  body: string;
  /** The API's CPU time per request: it moves less with the machine's load than the rate does. */
  cpuPerRequestUs: number;
}

/** Each endpoint under load on one build of the API, authenticated. */
async function measureBuild(seconds: number, dist?: string): Promise<EndpointRun[]> {
  const api = await startApi({ MARKET_DATA: 'simulated', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000' }, { dist });
  try {
    const token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const headers = { authorization: `Bearer ${token}` };
    const runs: EndpointRun[] = [];
    for (const endpoint of ENDPOINTS) {
      // The first request fills the candle cache; the body is what the bare server will send.
      const body = await (await fetch(api.baseUrl + endpoint.path, { headers })).text();
      const pid = api.pid() as number;
      const cpuBefore = processCpuSeconds(pid);
      const run = await load(api.baseUrl + endpoint.path, seconds, headers);
      runs.push({ ...run, body, cpuPerRequestUs: ((processCpuSeconds(pid) - cpuBefore) * 1e6) / run.requests });
    }
    return runs;
  } finally {
    await api.stop();
  }
}

const describeRun = (run: EndpointRun) =>
  `${formatNumber(run.requestsPerSecond)} req/s, p99 ${run.p99Ms} ms, server CPU ${formatNumber(run.cpuPerRequestUs)} µs/request`;

/**
 * The two market endpoints a chart hammers, authenticated, against a bare node:http server answering a body of
 * the same size in the same run, so the ratio says what the framework, auth, validation and cache cost; with
 * BENCH_BASELINE_API, another build's figures first, under the same load.
 */
export async function benchMarketHttp(seconds: number): Promise<SuiteResult> {
  const baseline = BASELINE_API === undefined ? undefined : await measureBuild(seconds, BASELINE_API);
  const current = await measureBuild(seconds);
  const figures: Figure[] = [];
  for (const [i, endpoint] of ENDPOINTS.entries()) {
    const lilux = current[i];
    const bare = await startBareJsonServer(lilux.body);
    const ceiling = await load(bare.url, seconds).finally(() => bare.stop());
    const ratio = lilux.requestsPerSecond / ceiling.requestsPerSecond;
    figures.push({ name: `${endpoint.name} (${formatNumber(lilux.body.length)} B)`, value: describeRun(lilux) });
    if (baseline) {
      figures.push(
        { name: '  baseline build', value: describeRun(baseline[i]) },
        {
          name: '  rate against the baseline',
          value: `${formatNumber(lilux.requestsPerSecond / baseline[i].requestsPerSecond, 1)}×`,
          target: '≥ 3×',
          met: lilux.requestsPerSecond >= 3 * baseline[i].requestsPerSecond,
        },
      );
    }
    figures.push(
      { name: '  bare node:http, same body', value: `${formatNumber(ceiling.requestsPerSecond)} req/s, p99 ${ceiling.p99Ms} ms` },
      { name: '  ratio', value: formatNumber(ratio, 2), target: `≥ ${RATIO_TARGET}`, met: ratio >= RATIO_TARGET },
    );
  }
  return {
    title: 'Market endpoints under load',
    conditions: `autocannon, ${CONNECTIONS} connections, ${seconds} s per run, API built for production with LOG_LEVEL=warn, simulated feed${BASELINE_API ? `, baseline ${BASELINE_API}` : ''}`,
    figures,
  };
}
