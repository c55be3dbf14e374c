import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import { ownRedis } from '../support/own-redis';
import { aFreshStep, codeAt } from '../support/totp';

/**
 * Two API processes on one PostgreSQL database and one Redis: a two-factor code is good once in the cluster, not
 * once per instance; wrong codes count together; the policy set through one applies on the other.
 */
describe('two-factor authentication across two instances', () => {
  let a: RunningApi;
  let b: RunningApi;
  let admin: string;

  const settings = { RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000', ...ownRedis() };
  const logIn = (api: RunningApi, username: string, password: string, code?: string) =>
    request(api.baseUrl, 'POST', '/api/auth/login', { body: { username, password, ...(code ? { code } : {}) } });

  beforeAll(async () => {
    a = await startApi(settings);
    b = await startApi(settings, { database: a.database });
    admin = await login(a.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  async function enrolledUser(username: string) {
    const password = `${username}-password`;
    expect((await request(a.baseUrl, 'POST', '/api/users', { token: admin, body: { username, password } })).status).toBe(201);
    const token = await login(a.baseUrl, username, password);
    const { secret } = (await request(a.baseUrl, 'POST', '/api/auth/2fa/enrolment', { token, body: { password } })).body;
    const step = await aFreshStep();
    expect((await request(b.baseUrl, 'POST', '/api/auth/2fa/enrolment/confirm', { token, body: { code: codeAt(secret, step - 1) } })).status).toBe(200);
    return { token, password, secret, step };
  }

  it('accepts one code once when it reaches both instances at once', async () => {
    const user = await enrolledUser('cluster-racer');
    const code = codeAt(user.secret, user.step);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => logIn([a, b][i % 2], 'cluster-racer', user.password, code)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401, 401, 401]);
  });

  it('counts wrong codes sent to either instance against one limit', async () => {
    const user = await enrolledUser('cluster-guessed');
    for (let guess = 0; guess < 5; guess++) {
      expect((await logIn([a, b][guess % 2], 'cluster-guessed', user.password, String(200000 + guess))).status).toBe(401);
    }
    for (const api of [a, b]) expect((await logIn(api, 'cluster-guessed', user.password, codeAt(user.secret, user.step))).status).toBe(429);
  });

  it('applies the policy set through one instance on the other within a second', async () => {
    const password = 'cluster-plain-password';
    expect((await request(a.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'cluster-plain', password } })).status).toBe(201);
    const token = await login(b.baseUrl, 'cluster-plain', password);
    const portfolio = () => request(b.baseUrl, 'GET', '/api/portfolio', { token });
    // B has just read the policy and remembers it as "not required".
    expect((await portfolio()).status).toBe(200);

    expect((await request(a.baseUrl, 'PUT', '/api/auth/2fa/policy', { token: admin, body: { required: true } })).status).toBe(200);
    const deadline = Date.now() + 1000;
    let refused = await portfolio();
    while (refused.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      refused = await portfolio();
    }
    expect([refused.status, refused.body.reason]).toEqual([403, 'two_factor_enrolment_required']);
  });
});
