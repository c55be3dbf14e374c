import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import { ownRedis } from '../support/own-redis';

/** An administrator's change made through one instance holds on the other at once, and the last admin stays. */
describe('administering users across two instances', () => {
  let a: RunningApi;
  let b: RunningApi;
  let admin: string;

  const settings = { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000', ...ownRedis() };
  const me = (api: RunningApi, token: string) => request(api.baseUrl, 'GET', '/api/auth/me', { token });
  const patch = (api: RunningApi, token: string, id: string, body: object) => request(api.baseUrl, 'PATCH', `/api/users/${id}`, { token, body });
  const newUser = async (username: string, role = 'trader', by = admin) => {
    const created = await request(a.baseUrl, 'POST', '/api/users', { token: by, body: { username, password: `${username}-password-1`, role } });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, token: await login(b.baseUrl, username, `${username}-password-1`) };
  };
  /** B answers 401 to `token` within a second (it had the identity cached). */
  const refusedOnB = async (token: string) => {
    const deadline = Date.now() + 1000;
    let status = (await me(b, token)).status;
    while (status !== 401 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await me(b, token)).status;
    }
    return status;
  };

  beforeAll(async () => {
    a = await startApi(settings);
    b = await startApi(settings, { database: a.database });
    admin = await login(a.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  it.each([
    ['disabling', { disabled: true }],
    ['a role change', { role: 'viewer' }],
  ])("refuses the user's token on the other instance within a second of %s", async (_change, body) => {
    const user = await newUser(`moved-${Object.keys(body)[0]}`);
    expect((await me(b, user.token)).status).toBe(200);
    expect((await patch(a, admin, user.id, body)).status).toBe(200);
    expect(await refusedOnB(user.token)).toBe(401);
  });

  it('refuses every token on the other instance within a second of ending the sessions', async () => {
    const user = await newUser('ended');
    expect((await me(b, user.token)).status).toBe(200);
    expect((await request(a.baseUrl, 'POST', `/api/users/${user.id}/sessions/end`, { token: admin })).status).toBe(204);
    expect(await refusedOnB(user.token)).toBe(401);
  });

  it('keeps one administrator when two disable each other through different instances at the same moment', async () => {
    let survivor = { id: (await me(a, admin)).body.id as string, token: admin };
    for (let round = 0; round < 6; round++) {
      const newcomer = await newUser(`rival-${round}`, 'admin', survivor.token);
      const answers = await Promise.all([
        patch(a, survivor.token, newcomer.id, { disabled: true }),
        patch(b, newcomer.token, survivor.id, round % 2 === 0 ? { disabled: true } : { role: 'trader' }),
      ]);
      // As on one instance: the loser is refused by the last-admin lock (409) or, when the winner's change committed
      // first, because its own token no longer stands for an administrator (401).
      const [won, lost] = answers.map((answer) => answer.status).sort();
      expect(won).toBe(200);
      expect([401, 409]).toContain(lost);
      survivor = answers[0].status === 200 ? survivor : newcomer;
      const users = (await request(b.baseUrl, 'GET', '/api/users', { token: survivor.token })).body as { id: string; role: string; disabled: boolean }[];
      expect(users.filter((user) => user.role === 'admin' && !user.disabled).map((user) => user.id)).toEqual([survivor.id]);
    }
  });
});
