import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { SuiteResult, formatNumber } from '../report';

const TRADERS = 10;
const RATIO_TARGET = 1.5;
const P99_TARGET_MS = 50;

interface Load {
  rate: number;
  p99: number;
  total: number;
}

/**
 * Order entry on PostgreSQL, by one instance and by two sharing the database and Redis, under the same load: ten
 * traders, one connection each, market buys on their paper accounts (a trader's orders lock its account's row,
 * so traders, not connections, are what instances can share out). With two instances each trader's connection
 * goes to one of them, half and half.
 */
export async function benchClusterOrderEntry(seconds: number, redisUrl: string): Promise<SuiteResult> {
  const settings = {
    MARKET_DATA: 'simulated',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    PAPER_START_BALANCE: '100000000',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `lilux-bench-${randomBytes(4).toString('hex')}`,
  };
  const one = await startApi(settings, { engine: 'postgres' });
  try {
    const tokens = await traders(one);
    const single = await load([one], tokens, seconds);
    const two = await startApi(settings, { database: one.database });
    try {
      const pair = await load([one, two], tokens, seconds);
      const audits = await Promise.all(tokens.map(async (token) => (await request(two.baseUrl, 'GET', '/api/portfolio/audit', { token })).body));
      const ratio = pair.rate / single.rate;
      return {
        title: 'Order entry on PostgreSQL: one instance, then two sharing the database and Redis',
        conditions: `autocannon, ${TRADERS} traders with one connection each, ${seconds} s per run, market buys on paper, every order filled and written`,
        figures: [
          { name: 'one instance', value: `${formatNumber(single.rate)} orders/s, p99 ${single.p99} ms` },
          { name: 'two instances', value: `${formatNumber(pair.rate)} orders/s, p99 ${pair.p99} ms` },
          { name: 'two ÷ one', value: `${ratio.toFixed(2)}×`, target: `≥ ${RATIO_TARGET}×`, met: ratio >= RATIO_TARGET },
          { name: 'p99 with two', value: `${pair.p99} ms`, target: `≤ ${P99_TARGET_MS} ms`, met: pair.p99 <= P99_TARGET_MS },
          {
            name: 'ledgers after both runs',
            value: audits.every((audit) => audit.ok) ? `balanced for all ${TRADERS} traders` : 'BROKEN',
          },
        ],
      };
    } finally {
      await two.stop();
    }
  } finally {
    await one.stop();
  }
}

async function traders(api: RunningApi): Promise<string[]> {
  const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  const tokens: string[] = [];
  for (let i = 0; i < TRADERS; i++) {
    const username = `bench-trader-${i}`;
    await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username, password: `${username}-password` } });
    tokens.push(await login(api.baseUrl, username, `${username}-password`));
  }
  return tokens;
}

/** One autocannon per trader, all at once, trader i on instance i mod n; rates add up, p99 is the worst. */
async function load(instances: RunningApi[], tokens: string[], seconds: number): Promise<Load> {
  const body = JSON.stringify({ symbol: 'BTC/USDT', side: 'buy', qty: '0.0001' });
  const results = await Promise.all(
    tokens.map((token, i) =>
      autocannon({
        url: `${instances[i % instances.length].baseUrl}/api/orders`,
        method: 'POST',
        connections: 1,
        duration: seconds,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      }),
    ),
  );
  const failed = results.reduce((sum, result) => sum + result.non2xx + result.errors + result.timeouts, 0);
  if (failed > 0) throw new Error(`${failed} orders failed`);
  return {
    rate: results.reduce((sum, result) => sum + result.requests.average, 0),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    total: results.reduce((sum, result) => sum + result.requests.total, 0),
  };
}
