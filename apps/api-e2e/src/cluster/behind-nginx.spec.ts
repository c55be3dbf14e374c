import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import { ownRedis } from '../support/own-redis';
import { LiveClient } from '../support/live-client';
import { RunningNginx, startNginx } from '../support/nginx';

/** Two instances behind deploy/nginx.conf, as the README's "Running several instances" sets them up. */
describe('two instances behind deploy/nginx.conf', () => {
  let a: RunningApi;
  let b: RunningApi;
  let nginx: RunningNginx;
  let admin: string;

  const settings = {
    RATE_LIMIT_PER_MINUTE: '100000',
    // nginx sets X-Forwarded-For to the client's address: limits must count clients, not nginx.
    TRUST_PROXY: 'true',
    ...ownRedis(),
  };
  const requestsTo = (api: RunningApi, path: string) => api.output().split(`"url":"${path}"`).length - 1;
  /** Request logs reach us through a pipe after the answers do: waits until both instances logged `count`. */
  const logged = async (path: string, count: number) => {
    const deadline = Date.now() + 5000;
    while (requestsTo(a, path) + requestsTo(b, path) < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return [requestsTo(a, path), requestsTo(b, path)];
  };

  beforeAll(async () => {
    a = await startApi(settings);
    b = await startApi(settings, { database: a.database });
    nginx = await startNginx([a.baseUrl, b.baseUrl]);
    admin = await login(nginx.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await nginx.stop();
    await b.stop();
    await a.stop();
  });

  it("spreads one browser's requests over both instances, with no sticky session", async () => {
    for (let i = 0; i < 10; i++) expect((await request(nginx.baseUrl, 'GET', '/api/auth/me', { token: admin })).status).toBe(200);
    const [onA, onB] = await logged('/api/auth/me', 10);
    expect(onA + onB).toBe(10);
    expect(Math.min(onA, onB)).toBeGreaterThanOrEqual(3);
  });

  it('carries the live socket through nginx, with the events of orders placed through it', async () => {
    await request(nginx.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'proxied', password: 'proxied-password-1' } });
    const trader = await login(nginx.baseUrl, 'proxied', 'proxied-password-1');
    const socket = await LiveClient.connect(nginx.baseUrl.replace('http', 'ws') + '/ws', ['lilux.v1', `bearer.${trader}`]);
    try {
      const orders = [];
      for (let i = 0; i < 4; i++) {
        const placed = await request(nginx.baseUrl, 'POST', '/api/orders', { token: trader, body: { symbol: 'ETH/USDT', side: 'buy', qty: '0.01' } });
        expect(placed.status).toBe(201);
        orders.push(placed.body.id);
      }
      for (const id of orders) await socket.next((m) => m.type === 'user' && m.event === 'trade' && m.data.orderId === id);
      // Placed through nginx, so through both instances, and heard on the one socket.
      const [onA, onB] = await logged('/api/orders', 4);
      expect(onA + onB).toBe(4);
      expect(Math.min(onA, onB)).toBeGreaterThanOrEqual(1);
    } finally {
      await socket.close();
    }
  });

  it("counts a client's wrong passwords across the instances, whatever X-Forwarded-For it sends", async () => {
    await request(nginx.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'targeted', password: 'targeted-password-1' } });
    const attempt = (i: number) =>
      request(nginx.baseUrl, 'POST', '/api/auth/login', {
        body: { username: 'targeted', password: 'not-the-password' },
        // A client trying to pass itself off as another address each time: nginx sets the header, not appends.
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
    for (let i = 1; i <= 5; i++) expect((await attempt(i)).status).toBe(401);
    expect((await attempt(6)).status).toBe(429);
  });
});
