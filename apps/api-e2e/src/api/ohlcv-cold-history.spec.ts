import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, Answer, login, request, RunningApi, startApi } from '@lilux/api/testing';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('candle history nobody asked for before (simulated feed)', () => {
  let api: RunningApi;
  let alice: string;
  let bob: string;
  const dailyChart = (token: string, since: number) =>
    request(api.baseUrl, 'GET', `/api/ohlcv?symbol=BTC/USDT&timeframe=1d&limit=1000&since=${since}`, { token });

  beforeAll(async () => {
    api = await startApi({ MARKET_SEED: '5' });
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    for (const name of ['alice', 'bob']) {
      await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username: name, password: `${name}-password-1` } });
    }
    [alice, bob] = [await login(api.baseUrl, 'alice', 'alice-password-1'), await login(api.baseUrl, 'bob', 'bob-password-1')];
  });

  afterAll(() => api.stop());

  it('gives a trader three cold daily charts at once, then 429 with Retry-After; cached candles and other traders are still served', async () => {
    // The attack: 18 daily charts of 1,000 candles, each from a since no one asked for, 4 at a time.
    const sinces = Array.from({ length: 18 }, (_, i) => Date.UTC(1972, 0, 1) + i * 1001 * DAY + i * HOUR);
    const answers = new Map<number, Answer>();
    const queue = [...sinces];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let since = queue.shift(); since !== undefined; since = queue.shift()) answers.set(since, await dailyChart(alice, since));
      }),
    );

    const served = sinces.filter((since) => answers.get(since)?.status === 200);
    const refused = sinces.filter((since) => answers.get(since)?.status === 429);
    expect(served).toHaveLength(3);
    expect(refused).toHaveLength(15);
    for (const since of refused) {
      const answer = answers.get(since) as Answer;
      expect(answer.body.message).toMatch(/uncached candle history/);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    const first = (answers.get(served[0]) as Answer).body as number[][];
    expect(first).toHaveLength(1000);
    expect(first[0]).toEqual(Array.from(new SimulatedMarket(5).candles('BTC/USDT', DAY, served[0], 1)));

    // What is cached costs nothing; a minute chart costs a few hundred minutes of path, refilled in a moment.
    expect((await dailyChart(alice, served[1])).status).toBe(200);
    expect((await request(api.baseUrl, 'GET', '/api/ohlcv?symbol=ETH/USDT&timeframe=1m', { token: alice })).status).toBe(200);
    // Another trader has a budget of his own.
    expect((await dailyChart(bob, refused[0])).status).toBe(200);
  });
});
