import type { EquityHistory, Portfolio, Trade } from '@lilux/contracts';
import { replayFills } from '@lilux/order-rules';
import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';

/** A seeded generator: the same sequence on every run, another with LILUX_TEST_SEED. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('the kept portfolio and its equity curve over HTTP', () => {
  let api: RunningApi;
  let admin: string;

  const get = (token: string, path: string) => request(api.baseUrl, 'GET', path, { token });
  const post = (token: string, body: unknown) => request(api.baseUrl, 'POST', '/api/orders', { token, body });
  const newUser = async (username: string) => {
    const password = `${username}-password-1`;
    expect((await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username, password } })).status).toBe(201);
    return login(api.baseUrl, username, password);
  };
  const allTrades = async (token: string) => {
    const trades: Trade[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = (await get(token, `/api/trades?limit=500&offset=${offset}`)).body.trades as Trade[];
      trades.push(...page);
      if (page.length < 500) return trades;
    }
  };

  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(() => api.stop());

  it('keeps positions equal to a replay of every fill through a random run of orders, cancels and ticks', async () => {
    const trader = await newUser('random-walker');
    const seed = Number(process.env['LILUX_TEST_SEED'] ?? 15);
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const ticker = async (symbol: string) => (await get(trader, `/api/ticker?symbol=${symbol}`)).body as { last: string; timestamp: number };
    for (let step = 0; step < 60; step++) {
      const symbol = pick(['ETH/USDT', 'SOL/USDT'] as const);
      const side = pick(['buy', 'sell'] as const);
      const qty = symbol === 'ETH/USDT' ? (0.05 + Math.floor(random() * 20) / 100).toFixed(2) : (1 + Math.floor(random() * 20) / 10).toFixed(1);
      const kind = pick(['market', 'market', 'limit', 'limit', 'cancel', 'tick'] as const);
      if (kind === 'market') {
        expect([201, 400]).toContain((await post(trader, { symbol, side, qty })).status);
      } else if (kind === 'limit') {
        // A few ticks from the last price, so that the feed fills some of them while the run goes on.
        const last = Number((await ticker(symbol)).last);
        const price = (last * (1 + (random() - 0.5) / 500)).toFixed(2);
        const bracket = random() < 0.3 ? (side === 'buy' ? { sl: (Number(price) * 0.99).toFixed(2) } : { tp: (Number(price) * 0.99).toFixed(2) }) : {};
        expect([201, 400]).toContain((await post(trader, { symbol, side, qty, price, ...bracket })).status);
      } else if (kind === 'cancel') {
        const open = (await get(trader, '/api/orders?status=open&limit=500')).body.orders as { id: string }[];
        if (open.length > 0) expect([200, 409]).toContain((await request(api.baseUrl, 'DELETE', `/api/orders/${pick(open).id}`, { token: trader })).status);
      } else {
        // The simulated feed moves once a second: wait for its next price, as a trader would.
        const before = (await ticker(symbol)).timestamp;
        while ((await ticker(symbol)).timestamp === before) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    const audit = (await get(trader, '/api/portfolio/audit')).body;
    expect(audit.differences).toEqual([]);
    const trades = await allTrades(trader);
    expect(audit.fills).toBe(trades.length);
    expect(trades.length).toBeGreaterThan(10);
    const replayed = replayFills([...trades].sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id)));
    const portfolio = (await get(trader, '/api/portfolio')).body as Portfolio;
    const shown = (value: { toDecimalPlaces(places: number): { toFixed(): string } }) => value.toDecimalPlaces(8).toFixed();
    expect(portfolio.cash).toBe(shown(replayed.cashFlow.plus(10000)));
    expect(portfolio.fees_paid).toBe(shown(replayed.feesPaid));
    expect(portfolio.pnls.realized).toBe(shown(replayed.realizedPnl));
    const held = [...replayed.holdings].filter(([, holding]) => !holding.qty.isZero());
    expect(portfolio.positions.map(({ asset, qty, averageCost }) => ({ asset, qty, averageCost }))).toEqual(
      held
        .map(([asset, holding]) => ({ asset, qty: holding.qty.toFixed(), averageCost: shown(holding.cost.div(holding.qty)) }))
        .sort((a, b) => a.asset.localeCompare(b.asset)),
    );
  }, 180_000);

  it('builds positions and the curve from the fills of a database made before they were kept', async () => {
    const trader = await newUser('upgrader');
    for (const order of [
      { symbol: 'ETH/USDT', side: 'buy', qty: '0.5' },
      { symbol: 'SOL/USDT', side: 'buy', qty: '3' },
      { symbol: 'ETH/USDT', side: 'sell', qty: '0.2' },
      { symbol: 'SOL/USDT', side: 'sell', qty: '3' },
      { symbol: 'ETH/USDT', side: 'buy', qty: '0.1' },
    ]) {
      expect((await post(trader, order)).status).toBe(201);
    }
    const figures = (portfolio: Portfolio) => ({
      cash: portfolio.cash,
      fees: portfolio.fees_paid,
      realized: portfolio.pnls.realized,
      positions: portfolio.positions.map(({ asset, qty, averageCost }) => ({ asset, qty, averageCost })),
    });
    const kept = figures((await get(trader, '/api/portfolio')).body);
    const fills = (await get(trader, '/api/portfolio/history?range=all')).body.points.slice(1, -1);

    // Back to the schema of the previous release, its fills and all, then forward again as an upgrade would.
    await api.database.query('DROP TABLE equity_days');
    await api.database.query('DROP TABLE equity_hours');
    await api.database.query('DROP TABLE positions');
    await api.database.query("DELETE FROM migrations WHERE name = 'KeepPositions1764760000000'");
    await api.restart();
    const token = await login(api.baseUrl, 'upgrader', 'upgrader-password-1');

    expect((await get(token, '/api/portfolio/audit')).body).toMatchObject({ ok: true, fills: 5, differences: [] });
    expect(figures((await get(token, '/api/portfolio')).body)).toEqual(kept);
    const rebuilt = (await get(token, '/api/portfolio/history?range=all')).body.points as EquityHistory['points'];
    for (const point of fills) expect(rebuilt).toContainEqual(point);
  });

  it('reports a kept position that the fills do not explain', async () => {
    const trader = await newUser('tampered');
    expect((await post(trader, { symbol: 'SOL/USDT', side: 'buy', qty: '2' })).status).toBe(201);
    const [account] = (await get(trader, '/api/accounts')).body as { id: string }[];
    await api.database.query(`UPDATE positions SET qty = '3' WHERE account_id = '${account.id}' AND asset = 'SOL'`);
    const audit = (await get(trader, '/api/portfolio/audit')).body;
    expect(audit).toMatchObject({ ok: false, differences: [{ asset: 'SOL', what: 'position.qty', expected: '2', actual: '3' }] });
  });

  it('sends at most 500 points and 100 KB of equity curve, however many fills, from the opening balance to now', async () => {
    const trader = await newUser('busy-trader');
    const fills = 520;
    for (let sent = 0; sent < fills; sent += 10) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => post(trader, { symbol: 'SOL/USDT', side: (sent / 10) % 2 ? 'sell' : 'buy', qty: '0.5' })),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(201));
    }
    for (const range of ['1d', 'all']) {
      const answer = await get(trader, `/api/portfolio/history?range=${range}`);
      const history = answer.body as EquityHistory;
      expect(JSON.stringify(history).length).toBeLessThanOrEqual(100_000);
      expect(history.points.length).toBeLessThanOrEqual(500);
      expect(history.points[0].equity).toBe('10000');
      const times = history.points.map((point) => Date.parse(point.time));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)).toBeGreaterThanOrEqual(Date.parse((await get(trader, '/api/trades?limit=1')).body.trades[0].time));
    }
    expect((await get(trader, '/api/portfolio/audit')).body).toMatchObject({ ok: true, fills });
  }, 120_000);
});
