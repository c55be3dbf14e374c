import { ADMIN, login, startApi } from '@lilux/api/testing';
import { startLiveFeedClients } from '../live-feed-clients';
import { processCpuSeconds } from '../process-cpu';
import { Figure, SuiteResult, formatNumber } from '../report';

const SOCKETS = 1000;
/** The simulated feed ticks once a second: fewer ticks than this give no p99 worth the name. */
const MIN_TICKS = 10;

/** The build to compare with, as in the market suite (`BENCH_BASELINE_API`), measured first under the same load. */
const BASELINE_API = process.env['BENCH_BASELINE_API'];

/**
 * A thousand sockets of one user following the same candle series on one instance while the simulated feed
 * ticks: the server's CPU time over the run (from /proc) and, per tick, the time from the first socket having the
 * frame to the thousandth. The first socket has it one serialization and one write after the tick; what follows
 * is the fan-out to the other 999.
 */
export async function benchLiveFeed(seconds: number): Promise<SuiteResult> {
  const duration = Math.max(seconds, MIN_TICKS);
  const figures: Figure[] = [];
  if (BASELINE_API !== undefined)
    figures.push(...(await measureBuild(duration, BASELINE_API)).map((figure) => ({ ...figure, name: `baseline build: ${figure.name}` })));
  figures.push(...(await measureBuild(duration)));
  return {
    title: 'Live feed, 1,000 sockets on one candle series',
    conditions: `${formatNumber(SOCKETS)} WebSockets of one user in a client process on loopback, subscribed to BTC/USDT 1m, simulated feed (a tick a second), ${duration} s${BASELINE_API ? `, baseline ${BASELINE_API}` : ''}`,
    figures,
  };
}

async function measureBuild(duration: number, dist?: string): Promise<Figure[]> {
  const api = await startApi(
    {
      MARKET_DATA: 'simulated',
      LOG_LEVEL: 'warn',
      WS_MAX_SOCKETS_PER_USER: String(SOCKETS),
      WS_RATE_LIMIT_PER_MINUTE: String(SOCKETS * 10),
      HTTP_MAX_CONNECTIONS: String(SOCKETS * 2),
    },
    { dist },
  );
  try {
    const token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const clients = await startLiveFeedClients(`${api.baseUrl.replace('http', 'ws')}/ws`, token, SOCKETS);
    const pid = api.pid();
    if (pid === undefined) throw new Error('the API has no process id');
    const cpuBefore = processCpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, duration * 1000));
    const cpu = processCpuSeconds(pid) - cpuBefore;
    const arrivals = (await clients.stop()).filter((frame) => frame.sockets === SOCKETS);
    const spreads = arrivals.map((frame) => frame.last - frame.first).sort((a, b) => a - b);
    const percentile = (p: number) => spreads[Math.min(spreads.length - 1, Math.ceil((p / 100) * spreads.length) - 1)] ?? NaN;
    return [
      { name: 'server CPU while ticks flow', value: `${formatNumber((100 * cpu) / duration)} % of a core (${formatNumber(cpu, 2)} s in ${duration} s)` },
      { name: 'frames that reached all sockets', value: `${arrivals.length}` },
      {
        name: `first socket to the ${formatNumber(SOCKETS)}th, p50 / p99`,
        value: `${formatNumber(percentile(50), 1)} / ${formatNumber(percentile(99), 1)} ms`,
      },
    ];
  } finally {
    await api.stop();
  }
}
