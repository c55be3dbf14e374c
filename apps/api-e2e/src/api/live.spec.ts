import { WebSocket } from 'ws';
import { TIMEFRAMES } from '@lilux/contracts';
import { ADMIN, login, request, RunningApi, startApi, TEST_JWT_SECRET } from '@lilux/api/testing';
import { LiveClient, RefusedUpgrade } from '../support/live-client';
import { craftToken, decodePayload } from '../support/tokens';

describe('live updates over /ws', () => {
  let api: RunningApi;
  let token: string;
  let wsUrl: string;
  const open: LiveClient[] = [];
  const connect = async (protocols: string[]) => {
    const client = await LiveClient.connect(wsUrl, protocols);
    open.push(client);
    return client;
  };

  beforeAll(async () => {
    api = await startApi();
    wsUrl = api.baseUrl.replace('http', 'ws') + '/ws';
    token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
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

  it('refuses a handshake without a token, with a bad one, or with a logged-out one', async () => {
    await expect(LiveClient.connect(wsUrl, ['lilux.v1'])).rejects.toThrow('refused with 401');
    await expect(LiveClient.connect(wsUrl, ['lilux.v1', 'bearer.not-a-jwt'])).rejects.toThrow('refused with 401');
    const claims = decodePayload(token);
    const forged = craftToken({ alg: 'HS256', typ: 'JWT' }, claims, 'some-other-secret-that-is-long-enough-000');
    await expect(LiveClient.connect(wsUrl, ['lilux.v1', `bearer.${forged}`])).rejects.toThrow('refused with 401');
    const unsigned = craftToken({ alg: 'none', typ: 'JWT' }, claims, TEST_JWT_SECRET);
    await expect(LiveClient.connect(wsUrl, ['lilux.v1', `bearer.${unsigned}`])).rejects.toThrow('refused with 401');

    const loggedOut = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    expect((await request(api.baseUrl, 'POST', '/api/auth/logout', { token: loggedOut })).status).toBe(204);
    await expect(LiveClient.connect(wsUrl, ['lilux.v1', `bearer.${loggedOut}`])).rejects.toThrow('refused with 401');
  });

  it('accepts the token as a sub-protocol and answers with lilux.v1, never echoing the token', async () => {
    const client = await connect(['lilux.v1', `bearer.${token}`]);
    expect(client.socket.protocol).toBe('lilux.v1');
  });

  it('streams the forming candle of a subscribed series and stops after unsubscribing', async () => {
    const client = await connect(['lilux.v1', `bearer.${token}`]);
    client.send({ type: 'subscribe', channel: 'candles', symbol: 'BTC/USDT', timeframe: '1m' });
    expect(await client.next((m) => m.type === 'subscribed')).toEqual({ type: 'subscribed', channel: 'candles', symbol: 'BTC/USDT', timeframe: '1m' });
    const first = await client.next((m) => m.type === 'candle');
    expect(first).toMatchObject({ symbol: 'BTC/USDT', timeframe: '1m' });
    expect(first.candle).toHaveLength(6);
    expect(first.candle[0]).toBe(Math.floor(Date.now() / 60_000) * 60_000);
    // The simulated feed ticks every second: the candle moves.
    const moved = await client.next((m) => m.type === 'candle', 4000);
    expect(moved.candle).not.toEqual(first.candle);

    client.send({ type: 'unsubscribe', channel: 'candles', symbol: 'BTC/USDT', timeframe: '1m' });
    await client.next((m) => m.type === 'unsubscribed');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    client.messages.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(client.messages.filter((m) => m.type === 'candle')).toEqual([]);
  });

  it('streams tickers', async () => {
    const client = await connect(['lilux.v1', `bearer.${token}`]);
    client.send({ type: 'subscribe', channel: 'ticker', symbol: 'ETH/USDT' });
    const ticker = await client.next((m) => m.type === 'ticker');
    expect(ticker.ticker).toMatchObject({ symbol: 'ETH/USDT', last: expect.stringMatching(/^\d+\.\d+$/) });
  });

  it('answers bad messages with an error naming the problem and keeps the socket open', async () => {
    const client = await connect(['lilux.v1', `bearer.${token}`]);
    client.send('hello');
    expect((await client.next((m) => m.type === 'error')).message).toBe('a message must be JSON');
    client.send({ type: 'subscribe', channel: 'candles', symbol: 'NOPE/USDT', timeframe: '1m' });
    expect((await client.next((m) => m.type === 'error')).message).toContain('NOPE/USDT is not a market');
    client.send({ type: 'subscribe', channel: 'ticker', symbol: 'BTC/USDT', userId: 'someone-else' });
    expect((await client.next((m) => m.type === 'error')).message).toBe('userId is not a field of this message');
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('closes a client that sends an oversized frame', async () => {
    const client = await connect(['lilux.v1', `bearer.${token}`]);
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    client.send('x'.repeat(10_000));
    expect(await closed).toBe(1009);
  });

  it("sends the user's order and trade events to that user's sockets only", async () => {
    const mine = await connect(['lilux.v1', `bearer.${token}`]);
    await request(api.baseUrl, 'POST', '/api/users', { token, body: { username: 'watcher', password: 'watcher-password-1' } });
    const other = await connect(['lilux.v1', `bearer.${await login(api.baseUrl, 'watcher', 'watcher-password-1')}`]);
    const placed = await request(api.baseUrl, 'POST', '/api/orders', { token, body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.001' } });
    expect(placed.status).toBe(201);
    const order = await mine.next((m) => m.type === 'user' && m.event === 'order' && m.data.status === 'filled');
    expect(order.data.id).toBe(placed.body.id);
    const trade = await mine.next((m) => m.type === 'user' && m.event === 'trade');
    expect(trade.data).toMatchObject({ orderId: placed.body.id, qty: '0.001' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(other.messages.filter((m) => m.type === 'user')).toEqual([]);
  });

  it('sends a resting order as the API answers it, with what it locks, and the lock given back when it is canceled', async () => {
    const mine = await connect(['lilux.v1', `bearer.${token}`]);
    const placed = await request(api.baseUrl, 'POST', '/api/orders', { token, body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', price: '50000' } });
    expect(placed.status).toBe(201);
    const open = await mine.next((m) => m.type === 'user' && m.event === 'order' && m.data.id === placed.body.id);
    expect(open.data).toEqual(placed.body);
    expect(open.data).toMatchObject({ status: 'open', lockedAsset: 'USDT', lockedAmount: expect.stringMatching(/^500\.\d+$/) });
    const canceled = await request(api.baseUrl, 'DELETE', `/api/orders/${placed.body.id}`, { token });
    expect(canceled.status).toBe(200);
    const released = await mine.next((m) => m.type === 'user' && m.event === 'order' && m.data.id === placed.body.id && m.data.status === 'canceled');
    expect(released.data.lockedAmount).toBe('0');
  });

  it('answers at most 32 of 42 subscriptions sent at once, and an error to the others', async () => {
    const client = await connect(['lilux.v1', `bearer.${token}`]);
    const symbols = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'DOGE/USDT', 'BNB/USDT', 'XRP/USDT'];
    const subscriptions = symbols.flatMap((symbol) => [
      { type: 'subscribe', channel: 'ticker', symbol },
      ...TIMEFRAMES.map((timeframe) => ({ type: 'subscribe', channel: 'candles', symbol, timeframe })),
    ]);
    expect(subscriptions).toHaveLength(42);
    // All frames leave before the first answer comes back.
    for (const subscription of subscriptions) client.send(subscription);
    const answers = [];
    for (let i = 0; i < subscriptions.length; i++) answers.push(await client.next((m) => m.type === 'subscribed' || m.type === 'error'));
    expect(answers.filter((answer) => answer.type === 'subscribed')).toHaveLength(32);
    expect(answers.filter((answer) => answer.type === 'error').map((answer) => answer.message)).toEqual(
      Array(10).fill('at most 32 subscriptions per connection'),
    );
  });

  it('closes open sockets with 1001 when the server stops, and stops', async () => {
    const client = await connect(['lilux.v1', `bearer.${token}`]);
    const restarted = api.restart();
    expect(await client.closedWithin(10_000)).toEqual({ code: 1001, reason: 'server shutting down' });
    await restarted;
    expect((await connect(['lilux.v1', `bearer.${token}`])).socket.readyState).toBe(WebSocket.OPEN);
  }, 30_000);

  describe('sockets whose token stops standing', () => {
    const newUser = async (username: string) => {
      const password = `${username}-password-1`;
      expect((await request(api.baseUrl, 'POST', '/api/users', { token, body: { username, password } })).status).toBe(201);
      return password;
    };

    it('closes the sockets of a logged-out token at once with 4001, and no socket of another token', async () => {
      const password = await newUser('leaver');
      const leaving = await login(api.baseUrl, 'leaver', password);
      const staying = await login(api.baseUrl, 'leaver', password);
      const revoked = await connect(['lilux.v1', `bearer.${leaving}`]);
      const kept = await connect(['lilux.v1', `bearer.${staying}`]);

      expect((await request(api.baseUrl, 'POST', '/api/auth/logout', { token: leaving })).status).toBe(204);
      expect(await revoked.closedWithin(3000)).toEqual({ code: 4001, reason: 'token revoked' });

      const placed = await request(api.baseUrl, 'POST', '/api/orders', { token: staying, body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.001' } });
      expect(placed.status).toBe(201);
      await kept.next((m) => m.type === 'user' && m.event === 'order' && m.data.id === placed.body.id);
      expect(kept.socket.readyState).toBe(WebSocket.OPEN);
      expect(revoked.messages.filter((m) => m.type === 'user')).toEqual([]);
    });

    it("closes every socket of the user's old tokens when the password changes", async () => {
      const password = await newUser('changer');
      const first = await login(api.baseUrl, 'changer', password);
      const second = await login(api.baseUrl, 'changer', password);
      const sockets = [await connect(['lilux.v1', `bearer.${first}`]), await connect(['lilux.v1', `bearer.${second}`])];

      const changed = await request(api.baseUrl, 'POST', '/api/auth/password', {
        token: first,
        body: { currentPassword: password, newPassword: 'changer-password-2' },
      });
      expect(changed.status).toBe(200);
      for (const socket of sockets) expect(await socket.closedWithin(3000)).toEqual({ code: 4001, reason: 'token revoked' });

      const renewed = await connect(['lilux.v1', `bearer.${changed.body.access_token}`]);
      expect(renewed.socket.readyState).toBe(WebSocket.OPEN);
    });
  });

  it('refuses upgrades on other paths', async () => {
    await expect(LiveClient.connect(api.baseUrl.replace('http', 'ws') + '/elsewhere', ['lilux.v1', `bearer.${token}`])).rejects.toThrow('refused with 404');
  });
});

describe('limits on /ws upgrades', () => {
  let api: RunningApi;
  let wsUrl: string;
  let admin: string;
  const open: LiveClient[] = [];
  // Behind a trusted proxy, so that each test comes from an address of its own.
  const connect = async (address: string, token?: string) => {
    const client = await LiveClient.connect(wsUrl, token ? ['lilux.v1', `bearer.${token}`] : ['lilux.v1'], { 'x-forwarded-for': address });
    open.push(client);
    return client;
  };
  const refusal = (attempt: Promise<unknown>) =>
    attempt.then(
      () => {
        throw new Error('the upgrade was accepted');
      },
      (error: unknown) => {
        if (!(error instanceof RefusedUpgrade)) throw error;
        return { status: error.status, retryAfter: Number(error.headers['retry-after']) };
      },
    );

  beforeAll(async () => {
    api = await startApi({ TRUST_PROXY: 'true', WS_RATE_LIMIT_PER_MINUTE: '4', WS_MAX_SOCKETS_PER_USER: '3' });
    wsUrl = api.baseUrl.replace('http', 'ws') + '/ws';
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

  it('refuses a fifth upgrade a minute from one address with 429 and Retry-After, before looking at the token', async () => {
    for (let i = 0; i < 2; i++) await (await connect('203.0.113.1', admin)).close();
    for (let i = 0; i < 2; i++) expect(await refusal(connect('203.0.113.1'))).toMatchObject({ status: 401 });

    for (const token of [undefined, 'not-a-jwt', admin]) {
      const refused = await refusal(connect('203.0.113.1', token));
      expect(refused.status).toBe(429);
      expect(refused.retryAfter).toBeGreaterThan(0);
      expect(refused.retryAfter).toBeLessThanOrEqual(60);
    }
    // Other addresses have their own count.
    expect(await refusal(connect('203.0.113.2'))).toMatchObject({ status: 401 });
    expect((await connect('203.0.113.2', admin)).socket.readyState).toBe(WebSocket.OPEN);
  });

  it("refuses a user's fourth open socket with 429 and Retry-After, and takes one again once a socket closes", async () => {
    const password = 'many-tabs-password-1';
    expect((await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'many-tabs', password } })).status).toBe(201);
    const trader = await login(api.baseUrl, 'many-tabs', password);
    const tabs = [];
    for (let i = 0; i < 3; i++) tabs.push(await connect(`198.51.100.${i}`, trader));

    const refused = await refusal(connect('198.51.100.10', trader));
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBeGreaterThan(0);
    // Another user is not held back by this one's sockets.
    expect((await connect('198.51.100.10', admin)).socket.readyState).toBe(WebSocket.OPEN);

    await tabs[0].close();
    // The server forgets the socket once its side of the close is done, a moment after the client's.
    const deadline = Date.now() + 3000;
    let reopened: LiveClient | undefined;
    for (let i = 11; !reopened && Date.now() < deadline; i++) {
      reopened = await connect(`198.51.100.${i}`, trader).catch((error: unknown) => {
        if (error instanceof RefusedUpgrade && error.status === 429) return new Promise<undefined>((resolve) => setTimeout(resolve, 50));
        throw error;
      });
    }
    expect(reopened?.socket.readyState).toBe(WebSocket.OPEN);
  });
});
