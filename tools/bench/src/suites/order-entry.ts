import { ADMIN, login, startApi } from '@lilux/api/testing';
import autocannon from 'autocannon';
import { startBareJsonServer } from '../bare-json-server';
import { SuiteResult, formatNumber } from '../report';

const CONNECTIONS = 10;
const RATE_TARGET = 300;
const P99_TARGET_MS = 50;
/** A build of the API to compare with (`BENCH_BASELINE_API=/path/to/dist/apps/api`), measured first under the same load. */
const BASELINE_API = process.env['BENCH_BASELINE_API'];

/**
 * Market buys on the paper account, sustained: each one validated, priced, filled and written (order,
 * transitions, fill, balances) in its own transaction. The ceiling is a bare node:http server answering a
 * filled order's JSON to the same POSTs.
 */
export async function benchOrderEntry(seconds: number): Promise<SuiteResult> {
  const baseline = BASELINE_API === undefined ? undefined : await measureBuild(seconds, BASELINE_API);
  const { lilux, ceiling, audit } = await measureBuild(seconds);
  return {
    title: 'Order entry: POST /api/orders, market buys on paper',
    conditions: `autocannon, ${CONNECTIONS} connections, ${seconds} s, every order filled and written to SQLite${BASELINE_API ? `, baseline ${BASELINE_API}` : ''}`,
    figures: [
      ...(baseline ? [{ name: 'baseline build: orders per second', value: `${formatNumber(baseline.lilux.rate)} (p99 ${baseline.lilux.p99} ms)` }] : []),
      {
        name: 'orders per second',
        value: `${formatNumber(lilux.rate)} (${formatNumber(lilux.total)} filled)`,
        target: `≥ ${RATE_TARGET}`,
        met: lilux.rate >= RATE_TARGET,
      },
      { name: 'p99 latency', value: `${lilux.p99} ms`, target: `≤ ${P99_TARGET_MS} ms`, met: lilux.p99 <= P99_TARGET_MS },
      { name: 'ceiling: bare node:http, same answer', value: `${formatNumber(ceiling.rate)} req/s, p99 ${ceiling.p99} ms` },
      { name: 'ledger after the run', value: audit.ok ? `balanced over ${formatNumber(audit.fills)} fills` : 'BROKEN' },
    ],
  };
}

async function measureBuild(seconds: number, dist?: string) {
  const api = await startApi({ MARKET_DATA: 'simulated', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000', PAPER_START_BALANCE: '100000000' }, { dist });
  try {
    const token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ symbol: 'BTC/USDT', side: 'buy', qty: '0.0001' });
    const sample = await (await fetch(`${api.baseUrl}/api/orders`, { method: 'POST', headers, body })).text();
    const run = async (url: string) => {
      const result = await autocannon({ url, method: 'POST', connections: CONNECTIONS, duration: seconds, headers, body });
      const failed = result.non2xx + result.errors + result.timeouts;
      if (failed > 0) throw new Error(`${url}: ${failed} of ${result.requests.total} orders failed`);
      return { rate: result.requests.average, p99: result.latency.p99, total: result.requests.total };
    };
    const lilux = await run(`${api.baseUrl}/api/orders`);
    const bare = await startBareJsonServer(sample);
    const ceiling = await run(bare.url).finally(() => bare.stop());
    const audit = await (await fetch(`${api.baseUrl}/api/portfolio/audit`, { headers })).json();
    return { lilux, ceiling, audit };
  } finally {
    await api.stop();
  }
}
