import { ADMIN, login, request, RunningApi, runToExit, startApi } from '@lilux/api/testing';
import { ownRedis } from '../support/own-redis';
import { buyWithBracketAroundPrice } from '../support/near-the-price';

const LEADS = 'leads the background jobs';

/**
 * One matching engine and one reconciler per cluster: the instance holding the lease. Three API processes on one
 * PostgreSQL database and one Redis; the leader is killed, then another is paused past its lease.
 */
describe('the leader of three instances', () => {
  let instances: RunningApi[];
  let trader: string;

  const settings = {
    RATE_LIMIT_PER_MINUTE: '100000',
    ...ownRedis(),
  };
  const post = (api: RunningApi, body: unknown) => request(api.baseUrl, 'POST', '/api/orders', { token: trader, body });
  const get = (api: RunningApi, path: string) => request(api.baseUrl, 'GET', path, { token: trader });
  const leaderOf = (candidates: RunningApi[]) => candidates.filter((api) => api.output().includes(LEADS));
  /** Waits until one of `candidates` says it leads; resolves with it and how long that took. */
  const nextLeader = async (candidates: RunningApi[], timeoutMs: number) => {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const [leader] = leaderOf(candidates);
      if (leader) return { leader, afterMs: Date.now() - started };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no instance took the lead within ${timeoutMs} ms`);
  };
  /** Fills per order, read through `api`: never more than one. */
  const fillsPerOrder = async (api: RunningApi) => {
    const trades = (await get(api, '/api/trades?limit=500')).body.trades as { orderId: string }[];
    const counts = new Map<string, number>();
    for (const trade of trades) counts.set(trade.orderId, (counts.get(trade.orderId) ?? 0) + 1);
    return counts;
  };
  /** Orders a cent or so from the price, and a bracket around it: the next ticks fill them. */
  const placeNearThePrice = async (api: RunningApi) => {
    const last = Number((await get(api, '/api/ticker?symbol=BTC/USDT')).body.last);
    for (let i = 1; i <= 3; i++) {
      expect((await post(api, { symbol: 'BTC/USDT', side: 'buy', qty: '0.001', price: (last - i * 0.05).toFixed(2) })).status).toBe(201);
      expect((await buyWithBracketAroundPrice(api.baseUrl, trader, i * 0.05)).status).toBe(201);
    }
  };
  const waitForFills = async (api: RunningApi, atLeast: number) => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const filled = [...(await fillsPerOrder(api)).keys()].length;
      if (filled >= atLeast) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`fewer than ${atLeast} orders filled within 30 s`);
  };

  beforeAll(async () => {
    const first = await startApi(settings);
    await first.waitForOutput(LEADS, 10_000);
    instances = [first, await startApi(settings, { database: first.database }), await startApi(settings, { database: first.database })];
    const admin = await login(first.baseUrl, ADMIN.username, ADMIN.password);
    await request(first.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'steady', password: 'steady-password-1' } });
    trader = await login(first.baseUrl, 'steady', 'steady-password-1');
  });

  afterAll(async () => {
    for (const api of instances) api.signal('SIGCONT');
    await Promise.all(instances.slice(1).map((api) => api.stop()));
    await instances[0].stop();
  });

  it('has exactly one leader', () => {
    expect(leaderOf(instances)).toEqual([instances[0]]);
  });

  it('refuses to start a second instance on the database without REDIS_URL, naming it', () => {
    const started = runToExit('main.js', { DATABASE_URL: instances[0].database.url, REDIS_URL: undefined });
    expect(started.status).not.toBe(0);
    expect(started.stdout + started.stderr).toContain('another Lilux instance is running on this database: set REDIS_URL');
  });

  it('hands the engine to another instance within 15 s of a kill -9, which resumes the book and fills once', async () => {
    const [first, ...others] = instances;
    // Far below the price: still resting when the leader dies, to be resumed by the next one.
    const last = Number((await get(first, '/api/ticker?symbol=BTC/USDT')).body.last);
    for (const api of instances) expect((await post(api, { symbol: 'BTC/USDT', side: 'buy', qty: '0.001', price: (last * 0.5).toFixed(2) })).status).toBe(201);

    first.signal('SIGKILL');
    const { leader, afterMs } = await nextLeader(others, 15_000);
    expect(afterMs).toBeLessThan(15_000);
    await leader.waitForOutput('resumed 3 resting paper order(s)');

    await placeNearThePrice(others[0]);
    await waitForFills(leader, 3);
    for (const [orderId, fills] of await fillsPerOrder(leader)) expect([orderId, fills]).toEqual([orderId, 1]);
    expect((await get(leader, '/api/portfolio/audit')).body).toMatchObject({ ok: true, differences: [] });
  });

  it('fences a leader paused past its lease: it fills nothing when it wakes up', async () => {
    const alive = instances.slice(1);
    const [paused] = leaderOf(alive);
    const [other] = alive.filter((api) => api !== paused);
    paused.signal('SIGSTOP');
    const { afterMs } = await nextLeader([other], 15_000);
    expect(afterMs).toBeLessThan(15_000);

    const before = await fillsPerOrder(other);
    await placeNearThePrice(other);
    await waitForFills(other, before.size + 3);
    paused.signal('SIGCONT');
    await paused.waitForOutput('no longer leads the background jobs', 10_000);
    // What the woken instance held in its book was filled by the new leader, or stays open: once at most.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const [orderId, fills] of await fillsPerOrder(other)) expect([orderId, fills]).toEqual([orderId, 1]);
    expect((await get(other, '/api/portfolio/audit')).body).toMatchObject({ ok: true, differences: [] });
  });
});
