/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read field by field, as a client would */
import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { WebSocket } from 'ws';
import Decimal from 'decimal.js';
import { ADMIN, freePort, login, request, RunningApi, startApi, stopProcess, WebhookReceiver } from '@lilux/api/testing';
import { LiveClient } from '../support/live-client';
import { nextBreakout } from '../support/seeded-path';

const SEED = 7;
const SYMBOL = 'BTC/USDT';

describe('price alerts and notifications over HTTP and the live socket', () => {
  let api: RunningApi;
  let admin: string;
  const open: LiveClient[] = [];

  const send = (token: string, method: string, path: string, body?: unknown) => request(api.baseUrl, method, path, { token, body });
  const newUser = async (username: string, role = 'trader') => {
    const password = `${username}-password-1`;
    expect((await send(admin, 'POST', '/api/users', { username, password, role })).status).toBe(201);
    return login(api.baseUrl, username, password);
  };
  const notifications = async (token: string, query = '') => (await send(token, 'GET', `/api/notifications${query}`)).body;
  const liveClient = async (token: string) => {
    const client = await LiveClient.connect(api.baseUrl.replace('http', 'ws') + '/ws', ['lilux.v1', `bearer.${token}`]);
    open.push(client);
    return client;
  };
  const until = async <T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (isDone(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    api = await startApi({ MARKET_SEED: String(SEED), ALERTS_PER_USER: '3', RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterEach(async () => {
    await Promise.all(
      open
        .splice(0)
        .filter((client) => client.socket.readyState === WebSocket.OPEN)
        .map((client) => client.close()),
    );
  });

  afterAll(() => api.stop());

  describe('refuses bad alerts with the field named, creating nothing', () => {
    let trader: string;

    beforeAll(async () => {
      trader = await newUser('careful');
    });

    afterAll(async () => {
      expect((await send(trader, 'GET', '/api/alerts')).body).toEqual([]);
    });

    it.each([
      ['an unknown symbol', { symbol: 'NOPE/USDT', condition: 'above', price: '1' }, ['symbol']],
      ['a malformed symbol', { symbol: 'btc', condition: 'above', price: '1' }, ['symbol']],
      ['an unknown condition', { symbol: SYMBOL, condition: 'sideways', price: '1' }, ['condition']],
      ['a level of 0', { symbol: SYMBOL, condition: 'above', price: '0' }, ['price']],
      ['a negative level', { symbol: SYMBOL, condition: 'below', price: '-5' }, ['price']],
      ['a level that is no number', { symbol: SYMBOL, condition: 'crosses', price: 'high' }, ['price']],
      ['a level alert without a level', { symbol: SYMBOL, condition: 'crosses' }, ['price']],
      ['a move without percent or window', { symbol: SYMBOL, condition: 'moves' }, ['movePercent', 'windowMinutes']],
      ['a move of 0 %', { symbol: SYMBOL, condition: 'moves', movePercent: '0', windowMinutes: 5 }, ['movePercent']],
      ['a window of a fraction of a minute', { symbol: SYMBOL, condition: 'moves', movePercent: '1', windowMinutes: 0.5 }, ['windowMinutes']],
      ['a note too long', { symbol: SYMBOL, condition: 'above', price: '1', note: 'x'.repeat(201) }, ['note']],
      ['a cooldown of 0', { symbol: SYMBOL, condition: 'above', price: '1', repeat: true, cooldownSeconds: 0 }, ['cooldownSeconds']],
    ])('refuses %s', async (_what, body, fields) => {
      const answer = await send(trader, 'POST', '/api/alerts', body);
      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.fields ?? {}).sort()).toEqual(fields);
    });

    it('refuses a field it does not know', async () => {
      const answer = await send(trader, 'POST', '/api/alerts', { symbol: SYMBOL, condition: 'above', price: '1', sound: 'bell' });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain('sound');
    });

    it('refuses a change that leaves an alert without what its condition needs', async () => {
      const created = await send(trader, 'POST', '/api/alerts', { symbol: SYMBOL, condition: 'below', price: '1' });
      expect(created.status).toBe(201);
      const answer = await send(trader, 'PATCH', `/api/alerts/${created.body.id}`, { condition: 'moves' });
      expect([answer.status, Object.keys(answer.body.fields).sort()]).toEqual([400, ['movePercent', 'windowMinutes']]);
      expect((await send(trader, 'DELETE', `/api/alerts/${created.body.id}`)).status).toBe(204);
    });
  });

  it('keeps each user to ALERTS_PER_USER active alerts, saying so; paused ones do not count until re-armed', async () => {
    const trader = await newUser('collector');
    const far = { symbol: SYMBOL, condition: 'below', price: '1' };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await send(trader, 'POST', '/api/alerts', far)).body.id);
    const refused = await send(trader, 'POST', '/api/alerts', far);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('3 active alerts');

    const paused = await send(trader, 'PATCH', `/api/alerts/${ids[0]}`, { state: 'paused' });
    expect([paused.status, paused.body.state]).toEqual([200, 'paused']);
    expect((await send(trader, 'POST', '/api/alerts', far)).status).toBe(201);
    expect((await send(trader, 'PATCH', `/api/alerts/${ids[0]}`, { state: 'active' })).status).toBe(409);
    expect((await send(trader, 'GET', '/api/alerts')).body).toHaveLength(4);
    // Another user's alert is not there for anyone else.
    expect((await send(admin, 'PATCH', `/api/alerts/${ids[1]}`, { state: 'paused' })).status).toBe(404);
    expect((await send(admin, 'DELETE', `/api/alerts/${ids[1]}`)).status).toBe(404);
  });

  it('keeps to ALERTS_PER_USER when creates arrive at the same moment', async () => {
    const trader = await newUser('hurried');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => send(trader, 'POST', '/api/alerts', { symbol: SYMBOL, condition: 'below', price: String(i + 1) })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
    expect((await send(trader, 'GET', '/api/alerts')).body).toHaveLength(3);
  });

  it('lets a viewer read alerts and notifications and change nothing', async () => {
    const viewer = await newUser('onlooker', 'viewer');
    expect((await send(viewer, 'GET', '/api/alerts')).status).toBe(200);
    expect((await send(viewer, 'GET', '/api/notifications')).status).toBe(200);
    expect((await send(viewer, 'POST', '/api/alerts', { symbol: SYMBOL, condition: 'above', price: '1' })).status).toBe(403);
    expect((await send(viewer, 'POST', '/api/notifications/read-all')).status).toBe(403);
  });

  it('fires a crosses alert exactly once when the seeded price crosses its level, into the list and onto the live socket', async () => {
    const trader = await newUser('crosser');
    const live = await liveClient(trader);
    const breakout = nextBreakout(SEED, SYMBOL, Date.now(), 3000);
    const created = await send(trader, 'POST', '/api/alerts', { symbol: SYMBOL, condition: 'crosses', price: breakout.level, note: 'the breakout' });
    expect(created.status).toBe(201);
    expect(Date.now()).toBeLessThan(breakout.at);

    const fired = await live.next((m) => m.type === 'user' && m.event === 'notification', breakout.at - Date.now() + 8000);
    expect(fired.data).toMatchObject({
      topic: 'price_alert',
      data: { alertId: created.body.id, symbol: SYMBOL, condition: 'crosses', level: breakout.level, note: 'the breakout' },
      readAt: null,
    });
    const firedPrice = Number(fired.data.data.price);
    expect(breakout.direction === 'up' ? firedPrice >= Number(breakout.level) : firedPrice <= Number(breakout.level)).toBe(true);
    // Not before the path got there, and within the three seconds it stays there.
    expect(Date.parse(fired.data.createdAt)).toBeGreaterThanOrEqual(breakout.at);
    expect(Date.parse(fired.data.createdAt)).toBeLessThan(breakout.at + 4000);
    expect((await live.next((m) => m.type === 'user' && m.event === 'alert' && m.data.state === 'fired')).data).toMatchObject({
      id: created.body.id,
      firedCount: 1,
    });

    // Once: the price stays past the level, and nothing more comes.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(live.messages.filter((m) => m.type === 'user' && m.event === 'notification')).toEqual([]);
    const page = await notifications(trader);
    expect(page.unread).toBe(1);
    expect(page.notifications).toHaveLength(1);
    expect(page.notifications[0]).toMatchObject({ id: fired.data.id, deliveries: [{ channel: 'console', status: 'delivered', attempts: 1, lastError: null }] });
    const [alert] = (await send(trader, 'GET', '/api/alerts')).body;
    expect(alert).toMatchObject({ state: 'fired', firedCount: 1, lastFiredAt: fired.data.createdAt });
  }, 120_000);

  it('fires a repeating alert again only once its cooldown is over', async () => {
    const trader = await newUser('repeater');
    // Always above 1: it would fire on every tick but for the cooldown.
    const created = await send(trader, 'POST', '/api/alerts', { symbol: SYMBOL, condition: 'above', price: '1', repeat: true, cooldownSeconds: 3 });
    expect(created.status).toBe(201);
    const page = await until(
      () => notifications(trader),
      (body) => body.notifications.length >= 3,
      15_000,
    );
    const times = page.notifications.map((n: any) => Date.parse(n.createdAt)).reverse();
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < times.length; i++) {
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(3000);
      expect(times[i] - times[i - 1]).toBeLessThan(5500);
    }
    expect((await send(trader, 'PATCH', `/api/alerts/${created.body.id}`, { state: 'paused' })).body.state).toBe('paused');
    const count = (await notifications(trader)).notifications.length;
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect((await notifications(trader)).notifications.length).toBe(count);
  });

  it('arms a dragged alert at its new level', async () => {
    const trader = await newUser('dragger');
    const created = await send(trader, 'POST', '/api/alerts', { symbol: SYMBOL, condition: 'below', price: '1' });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await notifications(trader)).notifications).toEqual([]);
    const dragged = await send(trader, 'PATCH', `/api/alerts/${created.body.id}`, { price: '100000000' });
    expect([dragged.status, dragged.body.price, dragged.body.state]).toEqual([200, '100000000', 'active']);
    const page = await until(
      () => notifications(trader),
      (body) => body.notifications.length > 0,
      5000,
    );
    expect(page.notifications[0].data).toMatchObject({ alertId: created.body.id, level: '100000000' });
  });

  it('shows on the live socket the console delivery of the notification it carries as delivered, as the list does after', async () => {
    const trader = await newUser('watcher');
    const live = await liveClient(trader);
    const placed = await send(trader, 'POST', '/api/orders', { symbol: SYMBOL, side: 'buy', qty: '0.001' });
    expect([placed.status, placed.body.status]).toEqual([201, 'filled']);
    const heard = await live.next((m) => m.type === 'user' && m.event === 'notification' && m.data.data.orderId === placed.body.id);
    expect(heard.data.deliveries).toEqual([expect.objectContaining({ channel: 'console', status: 'delivered', attempts: 1 })]);
    const listed = await until(
      () => notifications(trader),
      (body) => body.notifications[0]?.deliveries[0]?.status === 'delivered',
      5000,
    );
    expect(listed.notifications[0].deliveries).toEqual(heard.data.deliveries);
  });

  it('does not tell of a stop-loss / take-profit leg canceled because the other leg triggered: the trigger says it all', async () => {
    const trader = await newUser('bracketed');
    const breakout = nextBreakout(SEED, SYMBOL, Date.now(), 3000);
    const level = Number(breakout.level);
    // The leg the path reaches sits at the breakout, the other one far away on the other side.
    const [sl, tp] = breakout.direction === 'up' ? [(level / 2).toFixed(2), breakout.level] : [breakout.level, (level * 2).toFixed(2)];
    const entry = await send(trader, 'POST', '/api/orders', { symbol: SYMBOL, side: 'buy', qty: '0.001', sl, tp });
    expect([entry.status, entry.body.status]).toEqual([201, 'filled']);
    const triggered = breakout.direction === 'up' ? 'take_profit_triggered' : 'stop_loss_triggered';
    await until(
      () => notifications(trader),
      (body) => body.notifications.some((n: any) => n.topic === triggered && n.deliveries[0]?.status === 'delivered'),
      breakout.at - Date.now() + 8000,
    );
    const legs = (await send(trader, 'GET', '/api/orders?limit=50')).body.orders.filter((order: any) => order.parentId === entry.body.id);
    expect(legs.map((leg: any) => [leg.role, leg.status]).sort()).toEqual(
      breakout.direction === 'up'
        ? [
            ['stop_loss', 'canceled'],
            ['take_profit', 'filled'],
          ]
        : [
            ['stop_loss', 'filled'],
            ['take_profit', 'canceled'],
          ],
    );
    // The partner's cancel commits with the trigger: had it been recorded, it would be there by now.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const page = await notifications(trader);
    expect(page.notifications.map((n: any) => n.topic).sort()).toEqual(['order_filled', triggered].sort());
  }, 120_000);

  it('notifies the fill of a resting paper limit order, once, and lets the user page and mark notifications read', async () => {
    const trader = await newUser('resting');
    // Something to sell, in case the price rises first: a market buy, which notifies its own fill.
    expect((await send(trader, 'POST', '/api/orders', { symbol: SYMBOL, side: 'buy', qty: '0.001' })).status).toBe(201);
    const breakout = nextBreakout(SEED, SYMBOL, Date.now(), 3000);
    const side = breakout.direction === 'down' ? 'buy' : 'sell';
    const placed = await send(trader, 'POST', '/api/orders', { symbol: SYMBOL, side, qty: '0.001', price: breakout.level });
    expect([placed.status, placed.body.status]).toEqual([201, 'open']);
    const page = await until(
      () => notifications(trader),
      (body) => body.notifications.some((n: any) => n.data.orderId === placed.body.id && n.deliveries[0]?.status === 'delivered'),
      breakout.at - Date.now() + 8000,
    );
    const filled = page.notifications.filter((n: any) => n.data.orderId === placed.body.id);
    expect(filled).toHaveLength(1);
    expect(filled[0]).toMatchObject({ topic: 'order_filled', data: { symbol: SYMBOL, side, status: 'filled', filledQty: '0.001' } });
    // The order's price as a decimal string, without the trailing zero a level can be written with.
    expect(filled[0].data.price).toBe(new Decimal(breakout.level).toFixed());
    expect(filled[0].deliveries).toEqual([expect.objectContaining({ channel: 'console', status: 'delivered' })]);

    // More to page through: market orders fill at once.
    for (let i = 0; i < 2; i++) expect((await send(trader, 'POST', '/api/orders', { symbol: SYMBOL, side: 'buy', qty: '0.001' })).status).toBe(201);
    const all = await until(
      () => notifications(trader),
      (body) => body.notifications.length >= 4,
      5000,
    );
    // The first market buy, the limit fill and two market buys: one notification each.
    expect(all.notifications).toHaveLength(4);
    expect(all.unread).toBe(all.notifications.length);
    const first = await notifications(trader, '?limit=2');
    expect(first.notifications).toHaveLength(2);
    const second = await notifications(trader, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.notifications, ...second.notifications].map((n: any) => n.id)).toEqual(all.notifications.slice(0, 4).map((n: any) => n.id));
    expect((await send(trader, 'GET', '/api/notifications?cursor=nonsense')).status).toBe(400);

    expect((await send(trader, 'POST', `/api/notifications/${all.notifications[0].id}/read`)).status).toBe(204);
    expect((await notifications(trader)).unread).toBe(all.notifications.length - 1);
    expect((await send(admin, 'POST', `/api/notifications/${all.notifications[1].id}/read`)).status).toBe(404);
    expect((await send(trader, 'POST', '/api/notifications/read-all')).status).toBe(204);
    const read = await notifications(trader);
    expect(read.unread).toBe(0);
    expect(read.notifications.every((n: any) => n.readAt !== null)).toBe(true);
  }, 120_000);
});

describe('a notification recorded before a kill -9 is delivered once after the restart', () => {
  let redis: ChildProcess;
  let api: RunningApi;

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await listening(port);
    api = await startApi({ MARKET_SEED: String(SEED), REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: 'lilux-alerts-crash' });
  });

  afterAll(async () => {
    await api?.stop();
    redis?.kill('SIGCONT');
    if (redis) await stopProcess(redis, 'SIGKILL');
  });

  it('survives a crash between firing and the console delivery: the rows are kept and delivered once by the restarted API', async () => {
    const token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const breakout = nextBreakout(SEED, SYMBOL, Date.now(), 3000);
    const created = await request(api.baseUrl, 'POST', '/api/alerts', { token, body: { symbol: SYMBOL, condition: 'crosses', price: breakout.level } });
    expect(created.status).toBe(201);
    // Redis paused: the firing commits to the database, but publishing it on the live channel (the console
    // delivery) hangs, as a process would that dies in that instant.
    await new Promise((resolve) => setTimeout(resolve, Math.max(breakout.at - Date.now() - 1500, 0)));
    redis.kill('SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, breakout.at - Date.now() + 4000));
    const killedAt = Date.now();
    api.signal('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    redis.kill('SIGCONT');
    await api.restart('SIGKILL');

    const fresh = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const read = async () => (await request(api.baseUrl, 'GET', '/api/notifications', { token: fresh })).body;
    let page = await read();
    // On PostgreSQL the restarted process leads once the dead one's lease has run out (up to about 12 s).
    for (let i = 0; i < 200 && page.notifications[0]?.deliveries[0]?.status !== 'delivered'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      page = await read();
    }
    expect(page.notifications).toHaveLength(1);
    const [notification] = page.notifications;
    expect(notification.data).toMatchObject({ alertId: created.body.id, level: breakout.level });
    // Recorded by the first process before it died, delivered by the second, once.
    expect(Date.parse(notification.createdAt)).toBeLessThan(killedAt);
    expect(notification.deliveries).toEqual([expect.objectContaining({ channel: 'console', status: 'delivered', attempts: 1 })]);
    expect(Date.parse(notification.deliveries[0].deliveredAt)).toBeGreaterThan(killedAt);
    const [alert] = (await request(api.baseUrl, 'GET', '/api/alerts', { token: fresh })).body;
    expect(alert).toMatchObject({ state: 'fired', firedCount: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await read()).notifications).toHaveLength(1);
  }, 120_000);
});

describe('alerts delivered through a real webhook from the outbox', () => {
  const receiver = new WebhookReceiver();
  let api: RunningApi;
  let url: string;

  /** A new user with a webhook pointing at the receiver, signed with a secret the receiver checks. */
  const userWithWebhook = async (username: string) => {
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const password = `${username}-password-1`;
    expect((await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username, password } })).status).toBe(201);
    const token = await login(api.baseUrl, username, password);
    receiver.secret = `${username}-webhook-secret-0123456789`;
    const saved = await request(api.baseUrl, 'PUT', '/api/notifications/settings', {
      token,
      body: { webhook: { url: `${url}/${username}`, secret: receiver.secret } },
    });
    expect(saved.status).toBe(200);
    return token;
  };
  const callsFor = (username: string) => receiver.received.filter((call) => call.path === `/hooks/${username}`);
  const until = async (isDone: () => boolean | Promise<boolean>, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await isDone()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const page = async (token: string) => (await request(api.baseUrl, 'GET', '/api/notifications', { token })).body;

  beforeAll(async () => {
    url = `${await receiver.start()}/hooks`;
    api = await startApi({
      MARKET_SEED: String(SEED),
      ALERT_WEBHOOK_ALLOW_PRIVATE: 'true',
      ALERT_CHANNEL_TIMEOUT_MS: '60000',
      ALERT_CHANNEL_PAUSE_AFTER: '1',
      NOTIFICATION_RETRY_MS: '200',
      NOTIFICATION_DELIVERY_ATTEMPTS: '3',
      NOTIFICATIONS_PER_MINUTE: '3',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
  });

  afterAll(async () => {
    await api?.stop();
    await receiver.stop();
  });

  it('sends the fill of a resting paper limit order to the webhook once, signed, as it happens', async () => {
    const token = await userWithWebhook('limitfill');
    // Something to sell, in case the path breaks upwards.
    expect((await request(api.baseUrl, 'POST', '/api/orders', { token, body: { symbol: SYMBOL, side: 'buy', qty: '0.001' } })).status).toBe(201);
    const breakout = nextBreakout(SEED, SYMBOL, Date.now(), 3000);
    const side = breakout.direction === 'down' ? 'buy' : 'sell';
    const placed = await request(api.baseUrl, 'POST', '/api/orders', { token, body: { symbol: SYMBOL, side, qty: '0.001', price: breakout.level } });
    expect([placed.status, placed.body.status]).toEqual([201, 'open']);
    const fillsOf = () =>
      callsFor('limitfill').filter((call) => {
        const body = JSON.parse(call.rawBody) as { topic: string; data: { orderId?: string } };
        return body.topic === 'order_filled' && body.data.orderId === placed.body.id;
      });
    await until(() => fillsOf().length > 0, breakout.at - Date.now() + 10_000);
    // Anything sent twice would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fillsOf().map((call) => call.signatureValid)).toEqual([true]);
  });

  it('retries a webhook that answers 503 with back-off, then delivers the fired alert once, signed, carrying its id', async () => {
    const token = await userWithWebhook('retried');
    receiver.script.push({ status: 503 }, { status: 503 });
    // Always above 1: fires on the next tick.
    const created = await request(api.baseUrl, 'POST', '/api/alerts', { token, body: { symbol: SYMBOL, condition: 'above', price: '1' } });
    expect(created.status).toBe(201);
    await until(async () => (await page(token)).notifications[0]?.deliveries.some((d: any) => d.channel === 'webhook' && d.status === 'delivered'), 10_000);
    const [notification] = (await page(token)).notifications;
    expect(notification.deliveries).toEqual([
      expect.objectContaining({ channel: 'console', status: 'delivered', attempts: 1 }),
      expect.objectContaining({ channel: 'webhook', status: 'delivered', attempts: 3 }),
    ]);
    const calls = callsFor('retried');
    expect(calls).toHaveLength(3);
    expect(calls.every((call) => call.signatureValid)).toBe(true);
    expect(calls.map((call) => JSON.parse(call.rawBody).id)).toEqual([notification.id, notification.id, notification.id]);
    expect(JSON.parse(calls[2].rawBody).data).toMatchObject({ alertId: created.body.id, symbol: SYMBOL, level: '1' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(callsFor('retried')).toHaveLength(3);
  });

  it('gives a failing webhook up after NOTIFICATION_DELIVERY_ATTEMPTS, and tells the user in the console that the channel was paused', async () => {
    const token = await userWithWebhook('refused');
    receiver.script.push({ status: 503 }, { status: 503 }, { status: 503 });
    expect((await request(api.baseUrl, 'POST', '/api/alerts', { token, body: { symbol: SYMBOL, condition: 'above', price: '1' } })).status).toBe(201);
    await until(async () => (await page(token)).notifications.some((n: any) => n.topic === 'channel_paused'), 10_000);
    const { notifications } = await page(token);
    const [paused, fired] = notifications;
    expect(paused).toMatchObject({ topic: 'channel_paused', data: { channel: 'webhook' }, deliveries: [expect.objectContaining({ channel: 'console' })] });
    expect(fired.deliveries).toEqual([
      expect.objectContaining({ channel: 'console', status: 'delivered' }),
      expect.objectContaining({ channel: 'webhook', status: 'failed', attempts: 3, lastError: expect.stringContaining('503') }),
    ]);
    expect(callsFor('refused')).toHaveLength(3);
    expect((await request(api.baseUrl, 'GET', '/api/notifications/settings', { token })).body.webhook.pausedReason).not.toBeNull();
  });

  it('sends a user no more than NOTIFICATIONS_PER_MINUTE outside in a minute: the rest go to the console only', async () => {
    const token = await userWithWebhook('chatty');
    const created = await request(api.baseUrl, 'POST', '/api/alerts', {
      token,
      body: { symbol: SYMBOL, condition: 'above', price: '1', repeat: true, cooldownSeconds: 1 },
    });
    expect(created.status).toBe(201);
    await until(async () => (await page(token)).notifications.length >= 5, 15_000);
    expect((await request(api.baseUrl, 'PATCH', `/api/alerts/${created.body.id}`, { token, body: { state: 'paused' } })).status).toBe(200);
    const oldestFirst = [...(await page(token)).notifications].reverse();
    const channels = oldestFirst.map((n: any) => n.deliveries.map((d: any) => d.channel).join('+'));
    expect(channels.slice(0, 5)).toEqual(['console+webhook', 'console+webhook', 'console+webhook', 'console', 'console']);
    await until(() => callsFor('chatty').length >= 3, 5000);
    expect(callsFor('chatty')).toHaveLength(3);
  });

  it('sends again after a kill -9 in the middle of the webhook request, with the same id, and records the delivery once', async () => {
    const token = await userWithWebhook('crashed');
    // The receiver holds the first call open: the API dies while it waits for the answer.
    receiver.script.push({ delayMs: 3000 });
    expect((await request(api.baseUrl, 'POST', '/api/alerts', { token, body: { symbol: SYMBOL, condition: 'above', price: '1' } })).status).toBe(201);
    await until(() => callsFor('crashed').length === 1, 10_000);
    expect(callsFor('crashed')).toHaveLength(1);
    await api.restart('SIGKILL');

    const fresh = await login(api.baseUrl, 'crashed', 'crashed-password-1');
    // On PostgreSQL the restarted process leads once the dead one's lease has run out (up to about 12 s).
    await until(async () => (await page(fresh)).notifications[0]?.deliveries.some((d: any) => d.channel === 'webhook' && d.status === 'delivered'), 20_000);
    const { notifications } = await page(fresh);
    expect(notifications).toHaveLength(1);
    expect(notifications[0].deliveries).toEqual([
      expect.objectContaining({ channel: 'console', status: 'delivered' }),
      expect.objectContaining({ channel: 'webhook', status: 'delivered', attempts: 1 }),
    ]);
    // The receiver heard it twice, as docs/alerts.md warns, and drops the repeat by its id.
    const calls = callsFor('crashed');
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((call) => JSON.parse(call.rawBody).id))).toEqual(new Set([notifications[0].id]));
    expect((await request(api.baseUrl, 'GET', '/api/alerts', { token: fresh })).body[0]).toMatchObject({ state: 'fired', firedCount: 1 });
  }, 90_000);
});

async function listening(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const isOpen = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(true)).once('error', () => resolve(false));
      socket.once('connect', () => socket.end());
    });
    if (isOpen) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on port ${port}`);
}
