import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, BinanceTestServer, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { AccountWithBalances, AuditPage, Order, PositionProtection } from '@lilux/contracts';
import Decimal from 'decimal.js';

const API_KEY = 'protectKeyQ1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c2V3b4N5m6Q7w';
const SECRET = 'protectSecretM1n2B3v4C5x6Z7l8K9j0H1g2F3d4S5a6P7o8I9u0Y1t2R3e4W5q';

describe('the stop-loss and take-profit of an open position over HTTP', () => {
  const binance = new BinanceTestServer(new SimulatedMarket(1));
  let api: RunningApi;
  let admin: string;

  const get = async <T = unknown>(token: string, path: string) => (await request<T>(api.baseUrl, 'GET', path, { token })).body;
  const buy = (token: string, body: Record<string, string>) => request<Order>(api.baseUrl, 'POST', '/api/orders', { token, body: { side: 'buy', ...body } });
  const protect = (token: string, body: unknown) => request<PositionProtection>(api.baseUrl, 'PUT', '/api/positions/protection', { token, body });
  const last = async (token: string, symbol = 'BTC/USDT') => new Decimal((await get<{ last: string }>(token, `/api/ticker?symbol=${symbol}`)).last);
  const paper = async (token: string) =>
    (await get<AccountWithBalances[]>(token, '/api/accounts')).find((account) => account.kind === 'paper') as AccountWithBalances;
  const balance = async (token: string, asset: string) => (await paper(token)).balances.find((row) => row.asset === asset);
  const openOrders = async (token: string) => (await get<{ orders: Order[] }>(token, '/api/orders?status=open&limit=500')).orders;
  const ledgerOk = async (token: string) => expect(await get(token, '/api/portfolio/audit')).toMatchObject({ ok: true, differences: [] });
  const newTrader = async (username: string, role = 'trader') => {
    const password = `${username}-password-1`;
    expect((await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username, password, role } })).status).toBe(201);
    return login(api.baseUrl, username, password);
  };
  /** A trader holding 0.01 BTC bought at the market, and the price it was bought near. */
  const holder = async (username: string) => {
    const token = await newTrader(username);
    const bought = await buy(token, { symbol: 'BTC/USDT', qty: '0.01' });
    expect(bought.body.status).toBe('filled');
    return { token, entry: bought.body, price: await last(token) };
  };

  beforeAll(async () => {
    binance.addAccount(API_KEY, SECRET, { USDT: '1000', BTC: '0.1' });
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '100000', BINANCE_TESTNET_URL: await binance.start() });
    admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await api.stop();
    await binance.stop();
  });

  it('attaches a pair to a bought position, changes it, and removes it, keeping the ledger right', async () => {
    const { token, entry, price } = await holder('attacher');
    const [sl, tp] = [price.mul(0.9).toFixed(2), price.mul(1.1).toFixed(2)];

    const attached = await protect(token, { symbol: 'BTC/USDT', sl, tp });
    expect(attached.status).toBe(200);
    expect(attached.body).toMatchObject({ symbol: 'BTC/USDT', qty: '0.01', sl: new Decimal(sl).toFixed(), tp: new Decimal(tp).toFixed() });
    const legs = attached.body.legs;
    expect(legs.map((leg) => [leg.role, leg.side, leg.status, leg.qty, leg.parentId])).toEqual([
      ['stop_loss', 'sell', 'open', '0.01', entry.id],
      ['take_profit', 'sell', 'open', '0.01', entry.id],
    ]);
    expect((await openOrders(token)).map((order) => order.id).sort()).toEqual(legs.map((leg) => leg.id).sort());
    expect(await balance(token, 'BTC')).toEqual({ asset: 'BTC', free: '0', locked: '0.01' });
    await ledgerOk(token);

    const [newSl, newTp] = [price.mul(0.95).toFixed(2), price.mul(1.05).toFixed(2)];
    const changed = await protect(token, { symbol: 'BTC/USDT', sl: newSl, tp: newTp });
    expect(changed.status).toBe(200);
    expect(changed.body.legs.map((leg) => [leg.role, leg.price])).toEqual([
      ['stop_loss', new Decimal(newSl).toFixed()],
      ['take_profit', new Decimal(newTp).toFixed()],
    ]);
    for (const old of legs) {
      const now = await get<Order>(token, `/api/orders/${old.id}`);
      expect(now.status).toBe('canceled');
      expect(now.transitions?.at(-1)?.reason).toBe('replaced by new stop-loss / take-profit levels');
    }
    expect((await openOrders(token)).map((order) => order.id).sort()).toEqual(changed.body.legs.map((leg) => leg.id).sort());
    expect(await balance(token, 'BTC')).toEqual({ asset: 'BTC', free: '0', locked: '0.01' });
    await ledgerOk(token);

    // Only a take-profit: the stop-loss goes, the take-profit stays, the lock is the same.
    const takeProfitOnly = await protect(token, { symbol: 'BTC/USDT', sl: null, tp: newTp });
    expect(takeProfitOnly.body.legs.map((leg) => leg.role)).toEqual(['take_profit']);
    expect(takeProfitOnly.body.sl).toBeNull();
    expect(await balance(token, 'BTC')).toEqual({ asset: 'BTC', free: '0', locked: '0.01' });

    const removed = await protect(token, { symbol: 'BTC/USDT', sl: null, tp: null });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ qty: '0', sl: null, tp: null, legs: [] });
    expect(await openOrders(token)).toEqual([]);
    expect(await balance(token, 'BTC')).toEqual({ asset: 'BTC', free: '0.01', locked: '0' });
    await ledgerOk(token);

    // Each change is in the audit log, as orders are (their records are written just after the answer).
    const deadline = Date.now() + 5000;
    const protections = async () =>
      (await get<AuditPage>(token, '/api/audit?limit=100&action=position.protect')).events.map((event) => [event.outcome, event.details?.['sl'] ?? null]);
    while ((await protections()).length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await protections()).reverse()).toEqual([
      ['ok', sl],
      ['ok', newSl],
      ['ok', null],
      ['ok', null],
    ]);
  });

  it('executes an attached leg when the market reaches it, canceling the other', async () => {
    const { token } = await holder('triggered');
    // One tick-ish either side of the market: the feed moves every second, so one leg goes soon.
    let attached: PositionProtection | undefined;
    for (let attempt = 0; attempt < 5 && !attached; attempt++) {
      const price = await last(token);
      const answer = await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.9999).toFixed(2), tp: price.mul(1.0001).toFixed(2) });
      if (answer.status === 200) attached = answer.body;
    }
    if (!attached) throw new Error('the market moved past every attempt');
    const deadline = Date.now() + 45_000;
    let statuses: string[] = [];
    while (Date.now() < deadline) {
      statuses = await Promise.all(attached.legs.map(async (leg) => (await get<Order>(token, `/api/orders/${leg.id}`)).status));
      if (statuses.includes('filled')) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(statuses.sort()).toEqual(['canceled', 'filled']);
    expect(await balance(token, 'BTC')).toEqual({ asset: 'BTC', free: '0', locked: '0' });
    const trades = (await get<{ trades: { side: string; qty: string }[] }>(token, '/api/trades')).trades;
    expect(trades.map((trade) => [trade.side, trade.qty])).toEqual([
      ['sell', '0.01'],
      ['buy', '0.01'],
    ]);
    await ledgerOk(token);
  }, 60_000);

  describe('refusals change nothing', () => {
    let token: string;
    let price: Decimal;
    let before: { accounts: unknown; open: Order[] };

    beforeAll(async () => {
      ({ token, price } = await holder('refused'));
      expect((await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.8).toFixed(2), tp: price.mul(1.2).toFixed(2) })).status).toBe(200);
      before = { accounts: await get(token, '/api/accounts'), open: await openOrders(token) };
    });

    afterEach(async () => {
      expect(await get(token, '/api/accounts')).toEqual(before.accounts);
      expect(await openOrders(token)).toEqual(before.open);
      await ledgerOk(token);
    });

    it.each([
      ['a stop-loss above the market', (p: Decimal) => ({ sl: p.mul(1.5).toFixed(2), tp: null }), 'sl', 'below the market price'],
      ['a take-profit below the market', (p: Decimal) => ({ sl: null, tp: p.mul(0.5).toFixed(2) }), 'tp', 'above the market price'],
      ['a stop-loss off the tick', (p: Decimal) => ({ sl: `${p.mul(0.8).toFixed(0)}.005`, tp: null }), 'sl', 'multiple of the price step 0.01'],
      ['a take-profit left out', (p: Decimal) => ({ sl: p.mul(0.8).toFixed(2) }), 'tp', 'or null for none'],
      ['a level that is not a number', () => ({ sl: 'low', tp: null }), 'sl', 'positive decimal'],
      ['an unknown field', () => ({ sl: null, tp: null, qty: '1' }), 'qty', ''],
    ])('%s: 400 naming the field', async (_case, levels, field, problem) => {
      const answer = await protect(token, { symbol: 'BTC/USDT', ...levels(price) });
      expect(answer.status).toBe(400);
      const fields = (answer.body as unknown as { fields: Record<string, string> }).fields;
      expect(Object.keys(fields)).toEqual([field]);
      expect(fields[field]).toContain(problem);
    });

    it('a position the account does not hold: 409', async () => {
      const eth = await last(token, 'ETH/USDT');
      const answer = await protect(token, { symbol: 'ETH/USDT', sl: eth.mul(0.9).toFixed(2), tp: null });
      expect(answer.status).toBe(409);
      expect((answer.body as unknown as { message: string }).message).toContain('no ETH is held');
    });

    it("someone else's account: 404 naming accountId", async () => {
      const answer = await protect(token, { symbol: 'BTC/USDT', sl: null, tp: null, accountId: '00000000-0000-4000-8000-000000000000' });
      expect(answer.status).toBe(404);
    });
  });

  it("refuses with 409 when other orders lock the position's coins, leaving the pair and the balances as they were", async () => {
    const { token, price } = await holder('locked');
    const pair = await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.8).toFixed(2), tp: price.mul(1.2).toFixed(2) });
    expect(pair.status).toBe(200);
    expect((await buy(token, { symbol: 'BTC/USDT', qty: '0.01' })).body.status).toBe('filled');
    const limitSell = await request<Order>(api.baseUrl, 'POST', '/api/orders', {
      token,
      body: { symbol: 'BTC/USDT', side: 'sell', qty: '0.005', price: price.mul(2).toFixed(2) },
    });
    expect(limitSell.body.status).toBe('open');
    const [accounts, open] = [await get(token, '/api/accounts'), await openOrders(token)];
    // The old pair's lock is freed inside the change before the new one is found short: all of it is undone.
    const answer = await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.9).toFixed(2), tp: null });
    expect(answer.status).toBe(409);
    expect((answer.body as unknown as { message: string }).message).toContain('0.02 BTC is held but only 0.015 is free');
    expect(await get(token, '/api/accounts')).toEqual(accounts);
    expect(await openOrders(token)).toEqual(open);
    expect(open.map((order) => order.id).sort()).toEqual([...pair.body.legs.map((leg) => leg.id), limitSell.body.id].sort());
    await ledgerOk(token);
  });

  it('replaces the bracket an entry armed with one pair for the whole position', async () => {
    const { token, price } = await holder('bracketed');
    const bracketed = await buy(token, { symbol: 'BTC/USDT', qty: '0.01', sl: price.mul(0.7).toFixed(2), tp: price.mul(1.3).toFixed(2) });
    expect(bracketed.body.status).toBe('filled');
    expect((await openOrders(token)).map((order) => order.qty)).toEqual(['0.01', '0.01']);
    const answer = await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.85).toFixed(2), tp: null });
    expect(answer.status).toBe(200);
    expect(answer.body.legs.map((leg) => [leg.role, leg.qty, leg.parentId])).toEqual([['stop_loss', '0.02', bracketed.body.id]]);
    expect((await openOrders(token)).map((order) => order.id)).toEqual([answer.body.legs[0].id]);
    expect(await balance(token, 'BTC')).toEqual({ asset: 'BTC', free: '0', locked: '0.02' });
    await ledgerOk(token);
  });

  it('leaves exactly one pair when changes arrive at the same moment', async () => {
    const { token, price } = await holder('racer');
    const answers = await Promise.all(
      [0.7, 0.75, 0.8, 0.85, 0.9].map((share) => protect(token, { symbol: 'BTC/USDT', sl: price.mul(share).toFixed(2), tp: price.mul(2 - share).toFixed(2) })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    const open = await openOrders(token);
    expect(open.map((order) => order.role).sort()).toEqual(['stop_loss', 'take_profit']);
    // The pair left is the one some answer armed last, whole: never one leg of one change and one of another.
    expect(
      answers.some(
        (answer) =>
          answer.body.legs
            .map((leg) => leg.id)
            .sort()
            .join() ===
          open
            .map((order) => order.id)
            .sort()
            .join(),
      ),
    ).toBe(true);
    expect(await balance(token, 'BTC')).toEqual({ asset: 'BTC', free: '0', locked: '0.01' });
    await ledgerOk(token);
  });

  it('refuses a viewer', async () => {
    const viewer = await newTrader('onlooker', 'viewer');
    const answer = await protect(viewer, { symbol: 'BTC/USDT', sl: null, tp: null });
    expect(answer.status).toBe(403);
  });

  describe('on a Binance testnet account', () => {
    let traders = 0;
    /** A trader whose testnet account bought 0.01 BTC at the market (0.00999 once Binance took its commission in BTC). */
    const binanceHolder = async () => {
      const username = `binancer${++traders}`;
      const token = await newTrader(username);
      const apiKey = `${username}Key`.padEnd(64, 'k');
      // 0.01 BTC costs more than 1,000 USDT whenever the simulated price is above 100,000.
      binance.addAccount(apiKey, SECRET, { USDT: '5000' });
      const account = await request<{ id: string }>(api.baseUrl, 'POST', '/api/accounts', {
        token,
        body: { exchange: 'binance', mode: 'testnet', label: 'Testnet', apiKey, secret: SECRET, password: `${username}-password-1` },
      });
      expect(account.status).toBe(201);
      const accountId = account.body.id;
      const bought = await buy(token, { symbol: 'BTC/USDT', qty: '0.01', accountId });
      expect([bought.body.status, binance.balanceOf(apiKey, 'BTC')]).toEqual(['filled', { free: '0.00999000', locked: '0.00000000' }]);
      return { token, apiKey, accountId, entry: bought.body, price: await last(token) };
    };
    const order = (token: string, id: string) => get<Order>(token, `/api/orders/${id}`);
    const openOn = async (token: string, accountId: string) => (await get<{ orders: Order[] }>(token, `/api/orders?status=open&accountId=${accountId}`)).orders;
    /** The exchange's orders of the account in OCO lists: type, status, quantity. */
    const listsOn = (apiKey: string) =>
      binance
        .ordersOf(apiKey)
        .filter((sent) => sent.orderListId !== -1)
        .map((sent) => [sent.clientOrderId, sent.type, sent.status, sent.origQty]);
    const reasonOf = (found: Order) => found.transitions?.at(-1)?.reason;
    /**
     * A leg the change canceled on the exchange: with its reason, unless the reconciler (its own timer, on the leader)
     * read the exchange's cancel first and recorded it as the exchange told it, without one.
     */
    const canceledBy = (found: Order, reason: string) => [found.status, reasonOf(found) ?? reason];

    it('attaches a pair as one OCO list for the free coins, changes it, and removes it', async () => {
      const { token, apiKey, accountId, entry, price } = await binanceHolder();
      const [sl, tp] = [price.mul(0.9).toFixed(2), price.mul(1.1).toFixed(2)];
      const attached = await protect(token, { symbol: 'BTC/USDT', sl, tp, accountId });
      expect(attached.status).toBe(200);
      expect(attached.body).toMatchObject({ accountId, symbol: 'BTC/USDT', qty: '0.00999', sl: new Decimal(sl).toFixed(), tp: new Decimal(tp).toFixed() });
      const legs = attached.body.legs;
      expect(legs.map((leg) => [leg.role, leg.side, leg.status, leg.qty, leg.price, leg.parentId])).toEqual([
        ['stop_loss', 'sell', 'open', '0.00999', new Decimal(sl).toFixed(), entry.id],
        ['take_profit', 'sell', 'open', '0.00999', new Decimal(tp).toFixed(), entry.id],
      ]);
      expect(listsOn(apiKey)).toEqual([
        [legs[0].clientOrderId, 'STOP_LOSS_LIMIT', 'NEW', '0.00999000'],
        [legs[1].clientOrderId, 'LIMIT_MAKER', 'NEW', '0.00999000'],
      ]);
      expect(binance.balanceOf(apiKey, 'BTC')).toEqual({ free: '0.00000000', locked: '0.00999000' });

      const [newSl, newTp] = [price.mul(0.95).toFixed(2), price.mul(1.05).toFixed(2)];
      const changed = await protect(token, { symbol: 'BTC/USDT', sl: newSl, tp: newTp, accountId });
      expect(changed.status).toBe(200);
      const newLegs = changed.body.legs;
      expect(newLegs.map((leg) => [leg.role, leg.status, leg.qty, leg.price])).toEqual([
        ['stop_loss', 'open', '0.00999', new Decimal(newSl).toFixed()],
        ['take_profit', 'open', '0.00999', new Decimal(newTp).toFixed()],
      ]);
      for (const old of legs) {
        const now = await order(token, old.id);
        expect(canceledBy(now, 'replaced by new stop-loss / take-profit levels')).toEqual(['canceled', 'replaced by new stop-loss / take-profit levels']);
      }
      expect(listsOn(apiKey).map(([, type, status]) => [type, status])).toEqual([
        ['STOP_LOSS_LIMIT', 'CANCELED'],
        ['LIMIT_MAKER', 'CANCELED'],
        ['STOP_LOSS_LIMIT', 'NEW'],
        ['LIMIT_MAKER', 'NEW'],
      ]);
      expect((await openOn(token, accountId)).map((open) => open.id).sort()).toEqual(newLegs.map((leg) => leg.id).sort());

      // Binance arms the two as one list: one alone is refused, and nothing changes.
      const alone = await protect(token, { symbol: 'BTC/USDT', sl: newSl, tp: null, accountId });
      expect([alone.status, Object.keys((alone.body as unknown as { fields: Record<string, string> }).fields)]).toEqual([400, ['tp']]);
      expect((await openOn(token, accountId)).map((open) => open.id).sort()).toEqual(newLegs.map((leg) => leg.id).sort());

      const removed = await protect(token, { symbol: 'BTC/USDT', sl: null, tp: null, accountId });
      expect([removed.status, removed.body]).toEqual([200, { accountId, symbol: 'BTC/USDT', qty: '0', sl: null, tp: null, legs: [] }]);
      for (const old of newLegs) {
        const now = await order(token, old.id);
        expect(canceledBy(now, 'protection removed')).toEqual(['canceled', 'protection removed']);
      }
      expect(await openOn(token, accountId)).toEqual([]);
      expect(listsOn(apiKey).every(([, , status]) => status === 'CANCELED')).toBe(true);
      expect(binance.balanceOf(apiKey, 'BTC')).toEqual({ free: '0.00999000', locked: '0.00000000' });
    });

    it('records a leg the exchange executes later, and its partner canceled with it', async () => {
      const { token, apiKey, accountId, price } = await binanceHolder();
      const attached = await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.9).toFixed(2), tp: price.mul(1.1).toFixed(2), accountId });
      expect(attached.status).toBe(200);
      const [stopLoss, takeProfit] = attached.body.legs;
      binance.fillRestingOrder(apiKey, takeProfit.clientOrderId);
      // The reconciler looks at resting exchange orders every 10 s.
      const deadline = Date.now() + 30_000;
      while ((await order(token, takeProfit.id)).status !== 'filled' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await order(token, takeProfit.id)).status).toBe('filled');
      // The partner's cancel is read from the exchange on its own, a moment after the fill.
      while ((await order(token, stopLoss.id)).status !== 'canceled' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await order(token, stopLoss.id)).status).toBe('canceled');
      const { trades } = await get<{ trades: { orderId: string; side: string; qty: string }[] }>(token, `/api/trades?accountId=${accountId}`);
      expect(trades[0]).toMatchObject({ orderId: takeProfit.id, side: 'sell', qty: '0.00999' });
      expect(await openOn(token, accountId)).toEqual([]);
    }, 45_000);

    it('when the exchange refuses the new list: the old pair canceled, the new legs rejected with its reason, and a 502 saying so', async () => {
      const { token, apiKey, accountId, price } = await binanceHolder();
      const old = (await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.9).toFixed(2), tp: price.mul(1.1).toFixed(2), accountId })).body.legs;
      binance.inject(
        { kind: 'binance-error', status: 400, code: -1013, msg: 'Filter failure: PERCENT_PRICE_BY_SIDE' },
        { path: '/api/v3/orderList/oco', method: 'POST' },
      );
      const answer = await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.8).toFixed(2), tp: price.mul(1.2).toFixed(2), accountId });
      expect(answer.status).toBe(502);
      expect((answer.body as unknown as { message: string }).message).toBe(
        'the exchange refused the stop-loss / take-profit pair: Filter failure: PERCENT_PRICE_BY_SIDE; the previous pair was canceled, and the position is not protected',
      );
      for (const leg of old) expect((await order(token, leg.id)).status).toBe('canceled');
      const { orders } = await get<{ orders: Order[] }>(token, `/api/orders?accountId=${accountId}&status=rejected`);
      expect(orders.map((leg) => [leg.role, reasonOf(leg)]).sort()).toEqual([
        ['stop_loss', 'the exchange refused the stop-loss/take-profit pair: Filter failure: PERCENT_PRICE_BY_SIDE'],
        ['take_profit', 'the exchange refused the stop-loss/take-profit pair: Filter failure: PERCENT_PRICE_BY_SIDE'],
      ]);
      expect(await openOn(token, accountId)).toEqual([]);
      expect(listsOn(apiKey).map(([, , status]) => status)).toEqual(['CANCELED', 'CANCELED']);
      expect(binance.balanceOf(apiKey, 'BTC')).toEqual({ free: '0.00999000', locked: '0.00000000' });
    });

    it('when the exchange cannot cancel the old pair: it stays armed in both books, nothing new is sent, and a 503 says so', async () => {
      const { token, apiKey, accountId, price } = await binanceHolder();
      const old = (await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.9).toFixed(2), tp: price.mul(1.1).toFixed(2), accountId })).body.legs;
      const before = await get<{ total: number }>(token, `/api/orders?accountId=${accountId}`);
      binance.inject({ kind: 'server-error', status: 502 }, { path: '/api/v3/order', method: 'DELETE' });
      const answer = await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.8).toFixed(2), tp: price.mul(1.2).toFixed(2), accountId });
      expect(answer.status).toBe(503);
      expect((answer.body as unknown as { message: string }).message).toMatch(
        /^exchange unreachable: the stop-loss \/ take-profit pair could not be canceled .*; nothing new was armed$/,
      );
      expect((await openOn(token, accountId)).map((open) => open.id).sort()).toEqual(old.map((leg) => leg.id).sort());
      expect((await get<{ total: number }>(token, `/api/orders?accountId=${accountId}`)).total).toBe(before.total);
      expect(listsOn(apiKey).map(([, , status]) => status)).toEqual(['NEW', 'NEW']);
    });

    it('records a leg the exchange executed before the change reached it, and refuses with 409 as nothing is left to protect', async () => {
      const { token, apiKey, accountId, price } = await binanceHolder();
      const [stopLoss, takeProfit] = (await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.9).toFixed(2), tp: price.mul(1.1).toFixed(2), accountId }))
        .body.legs;
      binance.fillRestingOrder(apiKey, stopLoss.clientOrderId);
      const answer = await protect(token, { symbol: 'BTC/USDT', sl: price.mul(0.8).toFixed(2), tp: price.mul(1.2).toFixed(2), accountId });
      expect(answer.status).toBe(409);
      expect((answer.body as unknown as { message: string }).message).toContain('no BTC is free');
      expect([(await order(token, stopLoss.id)).status, (await order(token, takeProfit.id)).status]).toEqual(['filled', 'canceled']);
      expect(await openOn(token, accountId)).toEqual([]);
    });
  });
});
