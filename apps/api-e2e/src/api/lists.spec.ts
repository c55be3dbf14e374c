import type { OrderPage, Trade, TradePage } from '@lilux/contracts';
import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';

/** The order and trade lists with a history longer than a page: cursor paging, filters, the full CSV. */
describe('order and trade lists over a long history', () => {
  const FIRST_ACCOUNT_TRADES = 300;
  const SECOND_ACCOUNT_TRADES = 215;
  let api: RunningApi;
  let trader: string;
  let firstAccount: string;
  let secondAccount: string;

  const get = (path: string) => request(api.baseUrl, 'GET', path, { token: trader });
  const buy = async (index: number) => {
    // Every tenth trade on another market, for the symbol filter.
    const order = index % 10 === 0 ? { symbol: 'SOL/USDT', side: 'buy', qty: '0.05' } : { symbol: 'DOGE/USDT', side: 'buy', qty: '10' };
    const placed = await request(api.baseUrl, 'POST', '/api/orders', { token: trader, body: order });
    expect(placed.status).toBe(201);
  };
  const buyMany = async (count: number) => {
    for (let index = 0; index < count; index++) await buy(index);
  };
  const csvTrades = async (query = '') => {
    const answer = await get(`/api/trades?format=csv${query}`);
    expect(answer.status).toBe(200);
    const [header, ...lines] = (answer.body as string).split('\r\n').slice(0, -1);
    const columns = header.split(',');
    return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])) as unknown as Trade);
  };
  /** Every page of a list from the first by cursor; `between` runs after each page. */
  const walk = async <P extends TradePage | OrderPage>(path: string, between: () => Promise<void> = async () => undefined) => {
    const pages: P[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const answer = await get(cursor === null ? path : `${path}${separator}cursor=${encodeURIComponent(cursor)}`);
      expect(answer.status).toBe(200);
      pages.push(answer.body as P);
      cursor = (answer.body as P).nextCursor;
      await between();
    } while (cursor !== null);
    return pages;
  };
  const tradeIds = (pages: TradePage[]) => pages.flatMap((page) => page.trades.map((trade) => trade.id));

  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '100000' });
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    expect((await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'historian', password: 'historian-password-1' } })).status).toBe(
      201,
    );
    trader = await login(api.baseUrl, 'historian', 'historian-password-1');
    firstAccount = (await get('/api/accounts')).body[0].id;
    await buyMany(FIRST_ACCOUNT_TRADES);
    // A reset archives the first account with its trades: the user's list then merges two accounts.
    secondAccount = (await request(api.baseUrl, 'POST', '/api/accounts/paper/reset', { token: trader })).body.id;
    await buyMany(SECOND_ACCOUNT_TRADES);
    // Many fills in one millisecond: only the id orders them, on every page boundary.
    await api.database.query(`UPDATE fills SET executed_at = (SELECT executed_at FROM fills WHERE account_id = '${secondAccount}' ORDER BY id LIMIT 1)
      WHERE id IN (SELECT id FROM fills WHERE account_id = '${secondAccount}' ORDER BY id LIMIT 40)`);
  }, 300_000);

  afterAll(() => api.stop());

  it('downloads every trade matching the filter as CSV, newest first, past any page size', async () => {
    const all = await csvTrades();
    expect(all).toHaveLength(FIRST_ACCOUNT_TRADES + SECOND_ACCOUNT_TRADES);
    expect(new Set(all.map((trade) => trade.id)).size).toBe(all.length);
    const newestFirst = [...all].sort((a, b) => (a.time === b.time ? (a.id < b.id ? 1 : -1) : a.time < b.time ? 1 : -1));
    expect(all.map((trade) => trade.id)).toEqual(newestFirst.map((trade) => trade.id));
    expect(await csvTrades(`&accountId=${firstAccount}`)).toEqual(all.filter((trade) => trade.accountId === firstAccount));
    expect(await csvTrades('&symbol=SOL/USDT')).toEqual(all.filter((trade) => trade.symbol === 'SOL/USDT'));
    // Paging parameters do not cut a download short.
    expect(await csvTrades('&limit=10&offset=5')).toEqual(all);

    const answer = await get('/api/trades?format=csv');
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="lilux-trades.csv"');
  });

  it('walks every trade exactly once by cursor while new trades arrive between pages', async () => {
    const before = (await csvTrades()).map((trade) => trade.id);
    let placed = 0;
    const pages = await walk<TradePage>('/api/trades?limit=7', () => buy(++placed));
    expect(tradeIds(pages)).toEqual(before);
    expect(pages.length).toBe(Math.ceil(before.length / 7));
    // A page reached by cursor does not count the table, and starts where the cursor says.
    expect(pages[1]).not.toHaveProperty('total');
    expect(pages[1].offset).toBe(0);
    expect(pages[0].total).toBe(before.length);
    expect(pages.at(-1)?.nextCursor).toBeNull();
  });

  it('combines the symbol, account and time filters with the cursor', async () => {
    const all = await csvTrades();
    const [from, to] = [all[Math.floor(all.length * 0.7)].time, all[Math.floor(all.length * 0.2)].time];
    const cases: [string, (trade: Trade) => boolean][] = [
      ['symbol=SOL/USDT', (trade) => trade.symbol === 'SOL/USDT'],
      [`accountId=${firstAccount}`, (trade) => trade.accountId === firstAccount],
      [`accountId=${secondAccount}&symbol=DOGE/USDT`, (trade) => trade.accountId === secondAccount && trade.symbol === 'DOGE/USDT'],
      [`from=${from}&to=${to}`, (trade) => trade.time >= from && trade.time < to],
      [`symbol=DOGE/USDT&from=${from}`, (trade) => trade.symbol === 'DOGE/USDT' && trade.time >= from],
    ];
    for (const [filter, matches] of cases) {
      const expected = all.filter(matches).map((trade) => trade.id);
      expect(expected.length).toBeGreaterThan(9);
      expect([filter, tradeIds(await walk<TradePage>(`/api/trades?limit=9&${filter}`))]).toEqual([filter, expected]);
    }
  });

  it('pages by offset as before, with the count, and without it when asked', async () => {
    const all = (await csvTrades()).map((trade) => trade.id);
    const second: TradePage = (await get('/api/trades?limit=50&offset=50')).body;
    expect(second).toMatchObject({ total: all.length, limit: 50, offset: 50 });
    expect(second.trades.map((trade) => trade.id)).toEqual(all.slice(50, 100));
    // The cursor an offset page gives leads on to the rows after it.
    const next: TradePage = (await get(`/api/trades?limit=50&cursor=${second.nextCursor}`)).body;
    expect(next.trades.map((trade) => trade.id)).toEqual(all.slice(100, 150));
    const uncounted: TradePage = (await get('/api/trades?limit=50&total=false')).body;
    expect(uncounted).not.toHaveProperty('total');
    expect(uncounted.trades.map((trade) => trade.id)).toEqual(all.slice(0, 50));
  });

  it('walks the orders by cursor, newest first, each once, alone or filtered', async () => {
    const [first] = (await walk<OrderPage>('/api/orders?limit=500')).map((page) => page.orders.map((order) => order.id));
    const pages = await walk<OrderPage>('/api/orders?limit=23');
    const ids = pages.flatMap((page) => page.orders.map((order) => order.id));
    expect(ids.slice(0, first.length)).toEqual(first);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(pages[0].total);
    const times = pages.flatMap((page) => page.orders.map((order) => order.createdAt));
    expect(times).toEqual([...times].sort().reverse());

    const filtered = await walk<OrderPage>(`/api/orders?limit=11&accountId=${firstAccount}&symbol=SOL/USDT&status=filled`);
    const orders = filtered.flatMap((page) => page.orders);
    expect(orders).toHaveLength(FIRST_ACCOUNT_TRADES / 10);
    expect(orders.every((order) => order.accountId === firstAccount && order.symbol === 'SOL/USDT' && order.status === 'filled')).toBe(true);
  });

  it.each([
    ['/api/trades?cursor=not-a-cursor', 'cursor'],
    [`/api/trades?cursor=${Buffer.from('{"time":1}').toString('base64url')}`, 'cursor'],
    [`/api/orders?cursor=${Buffer.from('["2026-11-26T08:00:00.000Z","x\'; DROP TABLE orders"]').toString('base64url')}`, 'cursor'],
    [`/api/orders?cursor=${Buffer.from('["yesterday","abc"]').toString('base64url')}`, 'cursor'],
    [`/api/trades?offset=5&cursor=${Buffer.from('["2026-11-26T08:00:00.000Z","abc"]').toString('base64url')}`, 'offset'],
    ['/api/orders?total=maybe', 'total'],
  ])('refuses %s with a 400 naming the field', async (path, field) => {
    const answer = await get(path);
    expect([answer.status, Object.keys(answer.body.fields ?? {})]).toEqual([400, [field]]);
  });
});
