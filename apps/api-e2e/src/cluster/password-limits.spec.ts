import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import { ownRedis } from '../support/own-redis';

const API_KEY = 'e2eKeyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6A7b8C9';
const SECRET = 'e2eSecretZ9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2H1g0F9e8D7c6B5a4Z3y2';

/** Two instances on one database and one Redis: the limits on guessing passwords hold across both. */
describe('password limits across two instances', () => {
  let a: RunningApi;
  let b: RunningApi;

  const settings = {
    // Behind a proxy, so that one test can speak from several client addresses.
    TRUST_PROXY: 'true',
    LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '6',
    ...ownRedis(),
  };

  beforeAll(async () => {
    a = await startApi(settings);
    b = await startApi(settings, { database: a.database });
  });

  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  const loginFrom = (api: RunningApi, address: string, body: object) =>
    request(api.baseUrl, 'POST', '/api/auth/login', { body, headers: { 'x-forwarded-for': address } });

  it('counts the logins of one address across usernames on both instances', async () => {
    for (const [i, api] of [a, b, a, b, a, b].entries()) {
      expect((await loginFrom(api, '203.0.113.30', { username: `unknown-${i}`, password: 'wrong-password' })).status).toBe(401);
    }
    expect((await loginFrom(a, '203.0.113.30', { username: 'unknown-6', password: 'wrong-password' })).status).toBe(429);
    expect((await loginFrom(b, '203.0.113.30', ADMIN)).status).toBe(429);
    expect((await loginFrom(b, '203.0.113.31', ADMIN)).status).toBe(200);
  });

  it("counts a signed-in user's wrong passwords on both instances, on every route that asks for it again", async () => {
    const adminToken = (await loginFrom(a, '203.0.113.40', ADMIN)).body.access_token;
    const created = await request(a.baseUrl, 'POST', '/api/users', { token: adminToken, body: { username: 'guessed', password: 'guessed-passphrase' } });
    expect(created.status).toBe(201);
    const token = (await loginFrom(b, '203.0.113.41', { username: 'guessed', password: 'guessed-passphrase' })).body.access_token;
    const changePassword = (api: RunningApi, currentPassword: string) =>
      request(api.baseUrl, 'POST', '/api/auth/password', { token, body: { currentPassword, newPassword: 'another-passphrase' } });
    const connectKeys = (api: RunningApi, password: string) =>
      request(api.baseUrl, 'POST', '/api/keys', {
        token,
        body: { exchange: 'binance', mode: 'testnet', label: 'Keys', apiKey: API_KEY, secret: SECRET, password },
      });

    expect((await changePassword(a, 'guess-1')).status).toBe(400);
    expect((await connectKeys(b, 'guess-2')).status).toBe(400);
    // Six guesses at once, on both instances: three are left, and only three are checked.
    const burst = await Promise.all([3, 4, 5, 6, 7, 8].map((i) => (i % 2 ? changePassword(a, `guess-${i}`) : connectKeys(b, `guess-${i}`))));
    expect(burst.map((answer) => answer.status).sort()).toEqual([400, 400, 400, 429, 429, 429]);

    const right = await changePassword(b, 'guessed-passphrase');
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    await expect(login(b.baseUrl, 'guessed', 'guessed-passphrase')).resolves.toEqual(expect.any(String));
  });
});
