import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, BinanceTestServer, login, request, RunningApi, startApi } from '@lilux/api/testing';
import type { Notification, NotificationPage } from '@lilux/contracts';

const KEYS = {
  alice: {
    apiKey: 'e2eKeyAlice1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6A7b8',
    secret: 'e2eSecretAlice8y7X6w5V4u3T2s1R0q9P8o7N6m5L4k3J2i1H0g9F8e7D6c5B4a3',
  },
  bob: {
    apiKey: 'e2eKeyBob01b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6A7b8C',
    secret: 'e2eSecretBob018y7X6w5V4u3T2s1R0q9P8o7N6m5L4k3J2i1H0g9F8e7D6c5B4a3',
  },
};
const ACCOUNT_TOPICS = ['exchange_unreachable', 'key_rejected', 'unknown_order_found'];
/** The reconciler looks at exchange orders this often, and at each account's open orders every third time. */
const RECONCILE_MS = 10_000;
const UNKNOWN_ORDERS_MS = 30_000;

// Each problem is waited for as the reconciler sees it, and then once more to show it is not told again.
jest.setTimeout(120_000);

describe('notifications of problems with exchange accounts', () => {
  const binance = new BinanceTestServer(new SimulatedMarket(1));
  let isBinanceUp = false;
  let api: RunningApi;
  const users: Record<'alice' | 'bob', { token: string; accountId: string }> = {} as never;

  const notifications = async (who: 'alice' | 'bob'): Promise<Notification[]> =>
    (await request<NotificationPage>(api.baseUrl, 'GET', '/api/notifications?limit=100', { token: users[who].token })).body.notifications;
  const ofTopic = async (who: 'alice' | 'bob', topic: string) => (await notifications(who)).filter((notification) => notification.topic === topic);
  const eventually = async (who: 'alice' | 'bob', topic: string): Promise<Notification> => {
    const until = Date.now() + UNKNOWN_ORDERS_MS + 2 * RECONCILE_MS;
    while (Date.now() < until) {
      const [found] = await ofTopic(who, topic);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`no ${topic} notification for ${who}`);
  };
  const buy = (who: 'alice' | 'bob') =>
    request(api.baseUrl, 'POST', '/api/orders', {
      token: users[who].token,
      body: { accountId: users[who].accountId, symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.001' },
    });

  beforeAll(async () => {
    for (const { apiKey, secret } of Object.values(KEYS)) binance.addAccount(apiKey, secret, { USDT: '2500', BTC: '0.25' });
    api = await startApi({ BINANCE_TESTNET_URL: await binance.start(), EXCHANGE_TIMEOUT_MS: '2000' });
    isBinanceUp = true;
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    for (const who of ['alice', 'bob'] as const) {
      const password = `${who}-password-1`;
      await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username: who, password } });
      const token = await login(api.baseUrl, who, password);
      const connected = await request<{ id: string }>(api.baseUrl, 'POST', '/api/keys', {
        token,
        body: { exchange: 'binance', mode: 'testnet', label: `${who}'s testnet`, ...KEYS[who], password },
      });
      expect(connected.status).toBe(201);
      users[who] = { token, accountId: connected.body.id };
    }
    // Bob wants to hear of his orders, not of his accounts.
    const saved = await request(api.baseUrl, 'PUT', '/api/notifications/settings', {
      token: users.bob.token,
      body: { topics: ['order_filled', 'order_canceled', 'order_rejected'] },
    });
    expect(saved.status).toBe(200);
  });

  afterAll(async () => {
    await api.stop();
    if (isBinanceUp) await binance.stop();
  });

  it('tells of an order open on the exchange that Lilux did not place, once', async () => {
    const placed = {} as Record<'alice' | 'bob', string>;
    for (const who of ['alice', 'bob'] as const) {
      const answer = binance.placeOrderElsewhere(KEYS[who].apiKey, { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', quantity: '0.001', price: '1000' });
      placed[who] = String((answer as { orderId: number }).orderId);
    }
    const found = await eventually('alice', 'unknown_order_found');
    expect(found).toMatchObject({
      title: "Unknown order found: alice's testnet",
      data: { accountId: users.alice.accountId, exchangeOrderId: placed.alice, symbol: 'BTC/USDT', problem: 'unknown_order_found' },
    });
    // The reconciler sees it again on its next look, and says nothing more.
    await new Promise((resolve) => setTimeout(resolve, UNKNOWN_ORDERS_MS + RECONCILE_MS / 2));
    expect(await ofTopic('alice', 'unknown_order_found')).toHaveLength(1);
  });

  it('tells of a key the exchange refuses', async () => {
    for (const who of ['alice', 'bob'] as const) binance.revokeKey(KEYS[who].apiKey);
    // ccxt takes Binance's -2015 after a key once worked for a ban, and orders pause as for one: the reconciler's look tells it.
    const rejected = await eventually('alice', 'key_rejected');
    expect(rejected).toMatchObject({ title: "Exchange key rejected: alice's testnet", data: { accountId: users.alice.accountId } });
    expect(rejected.body).toContain('Invalid API-key, IP, or permissions for action.');
    for (const { apiKey, secret } of Object.values(KEYS)) binance.addAccount(apiKey, secret, { USDT: '2500', BTC: '0.25' });
  });

  it('tells of an exchange that does not answer once per period however often it is asked, and only those who want it', async () => {
    await binance.stop();
    isBinanceUp = false;
    expect((await buy('alice')).status).toBe(503);
    expect((await buy('bob')).status).toBe(503);
    const unreachable = await eventually('alice', 'exchange_unreachable');
    expect(unreachable).toMatchObject({ title: "Exchange unreachable: alice's testnet", data: { accountId: users.alice.accountId } });
    expect((await buy('alice')).status).toBe(503);
    // One more look of the reconciler at the stopped exchange.
    await new Promise((resolve) => setTimeout(resolve, UNKNOWN_ORDERS_MS + RECONCILE_MS / 2));

    const alices = await notifications('alice');
    expect(ACCOUNT_TOPICS.map((topic) => alices.filter((notification) => notification.topic === topic).length)).toEqual([1, 1, 1]);
    expect((await notifications('bob')).filter((notification) => ACCOUNT_TOPICS.includes(notification.topic))).toEqual([]);
    const told = JSON.stringify(alices);
    for (const secret of [...Object.values(KEYS.alice), 'signature', 'http://']) expect(told).not.toContain(secret);
  });
});
