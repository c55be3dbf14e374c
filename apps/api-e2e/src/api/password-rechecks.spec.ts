import { ADMIN, Answer, login, request, RunningApi, startApi } from '@lilux/api/testing';

const API_KEY = 'e2eKeyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6A7b8C9';
const SECRET = 'e2eSecretZ9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2H1g0F9e8D7c6B5a4Z3y2';

interface Recheck {
  path: string;
  /** The field that carries the password. */
  field: string;
  body: (password: string) => Record<string, string>;
}

const connectKeys = (password: string) => ({ exchange: 'binance', mode: 'testnet', label: 'Guarded', apiKey: API_KEY, secret: SECRET, password });

/** Every route that asks a signed-in user for their password again. */
const ROUTES: Recheck[] = [
  { path: '/api/auth/password', field: 'currentPassword', body: (password) => ({ currentPassword: password, newPassword: 'a-brand-new-passphrase' }) },
  { path: '/api/accounts', field: 'password', body: connectKeys },
  { path: '/api/keys', field: 'password', body: connectKeys },
];
const [CHANGE_PASSWORD, CONNECT_ACCOUNT, CONNECT_KEYS] = ROUTES;

describe('password re-checks of a signed-in user', () => {
  let api: RunningApi;
  let admin: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(() => api.stop());

  const newUser = async (username: string) => {
    const password = `${username}-passphrase`;
    expect((await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username, password } })).status).toBe(201);
    return { username, password, token: await login(api.baseUrl, username, password) };
  };
  const recheck = (route: Recheck, token: string, password: string): Promise<Answer> =>
    request(api.baseUrl, 'POST', route.path, { token, body: route.body(password) });
  const accountsOf = async (token: string): Promise<number> => (await request(api.baseUrl, 'GET', '/api/accounts', { token })).body.length;

  it.each(ROUTES)('POST $path: the 6th wrong password in 15 minutes answers 429, and so does the right one after it', async (route) => {
    const user = await newUser(`guessed${route.path.replace(/\W/g, '-')}`);
    for (let i = 0; i < 5; i++) {
      const wrong = await recheck(route, user.token, `guess-number-${i}`);
      expect([wrong.status, wrong.body.fields]).toEqual([400, { [route.field]: 'is not your current password' }]);
    }

    const sixth = await recheck(route, user.token, 'guess-number-5');
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    expect(sixth.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/try again in \d+ s/) });
    expect((await recheck(route, user.token, user.password)).status).toBe(429);

    // Nothing changed: the password is the old one, no account was connected, the session still works.
    await expect(login(api.baseUrl, user.username, user.password)).resolves.toEqual(expect.any(String));
    expect(await accountsOf(user.token)).toBe(1);
  });

  it('counts the wrong passwords of one user on every route together, and only that user', async () => {
    const [victim, neighbour] = [await newUser('spread-guesses'), await newUser('neighbour')];
    for (const route of [CHANGE_PASSWORD, CONNECT_ACCOUNT, CONNECT_KEYS, CHANGE_PASSWORD, CONNECT_ACCOUNT]) {
      expect((await recheck(route, victim.token, 'wrong-guess')).status).toBe(400);
    }
    expect((await recheck(CONNECT_KEYS, victim.token, 'wrong-guess')).status).toBe(429);

    expect((await recheck(CONNECT_ACCOUNT, neighbour.token, neighbour.password)).status).toBe(201);
  });

  it('does not count right passwords', async () => {
    const user = await newUser('many-accounts');
    for (let i = 0; i < 6; i++) expect((await recheck(CONNECT_ACCOUNT, user.token, user.password)).status).toBe(201);
    expect(await accountsOf(user.token)).toBe(7);
  });
});
