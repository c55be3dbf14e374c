import { ADMIN, login, startApi } from '@lilux/api/testing';
import autocannon from 'autocannon';
import { startBareJsonServer } from '../bare-json-server';
import { processCpuSeconds } from '../process-cpu';
import { Figure, SuiteResult, formatNumber } from '../report';

const CONNECTIONS = 50;
const RATIO_TARGET = 0.5;

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

/**
 * The two market endpoints a chart hammers, authenticated, against a bare node:http server answering a body of
 * the same size in the same run, so the ratio says what the framework, auth, validation and cache cost.
 */
export async function benchMarketHttp(seconds: number): Promise<SuiteResult> {
  const api = await startApi({ MARKET_DATA: 'simulated', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000' });
  try {
    const token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const headers = { authorization: `Bearer ${token}` };
    const endpoints = [
      { name: 'GET /api/ohlcv?limit=500 (cached)', path: '/api/ohlcv?symbol=BTC/USDT&timeframe=1m&limit=500' },
      { name: 'GET /api/ticker', path: '/api/ticker?symbol=BTC/USDT' },
    ];
    const figures: Figure[] = [];
    for (const endpoint of endpoints) {
      // The first request fills the candle cache; the body is what the bare server will send.
      const body = await (await fetch(api.baseUrl + endpoint.path, { headers })).text();
      const pid = api.pid() as number;
      const cpuBefore = processCpuSeconds(pid);
      const lilux = await load(api.baseUrl + endpoint.path, seconds, headers);
      // CPU per request moves less with the machine's load than the rate does.
      const cpuPerRequestUs = ((processCpuSeconds(pid) - cpuBefore) * 1e6) / lilux.requests;
      const bare = await startBareJsonServer(body);
      const ceiling = await load(bare.url, seconds).finally(() => bare.stop());
      const ratio = lilux.requestsPerSecond / ceiling.requestsPerSecond;
      figures.push(
        {
          name: `${endpoint.name} (${formatNumber(body.length)} B)`,
          value: `${formatNumber(lilux.requestsPerSecond)} req/s, p99 ${lilux.p99Ms} ms, server CPU ${formatNumber(cpuPerRequestUs)} µs/request`,
        },
        { name: '  bare node:http, same body', value: `${formatNumber(ceiling.requestsPerSecond)} req/s, p99 ${ceiling.p99Ms} ms` },
        { name: '  ratio', value: formatNumber(ratio, 2), target: `≥ ${RATIO_TARGET}`, met: ratio >= RATIO_TARGET },
      );
    }
    return {
      title: 'Market endpoints under load',
      conditions: `autocannon, ${CONNECTIONS} connections, ${seconds} s per run, API built for production with LOG_LEVEL=warn, simulated feed`,
      figures,
    };
  } finally {
    await api.stop();
  }
}
