import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';

describe('the bounded queue of password hashes', () => {
  let api: RunningApi;

  beforeAll(async () => {
    // Two hashes may wait; the login limits are raised so that only the queue refuses anything.
    api = await startApi({ PASSWORD_HASH_QUEUE_LIMIT: '2', LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000' });
  });

  afterAll(() => api.stop());

  it('answers 503 with Retry-After to logins beyond the queue, and keeps answering everything else', async () => {
    const burst = Array.from({ length: 24 }, (_, i) =>
      request(api.baseUrl, 'POST', '/api/auth/login', { body: { username: `stranger-${i}`, password: 'wrong-password' } }),
    );
    const health = await request(api.baseUrl, 'GET', '/api/health');
    const answers = await Promise.all(burst);

    expect(health.status).toBe(200);
    const refused = answers.filter((answer) => answer.status === 503);
    const checked = answers.filter((answer) => answer.status === 401);
    expect(refused.length).toBeGreaterThan(0);
    // At least the two that waited and one that ran were checked; nothing else happened to any of them.
    expect(checked.length).toBeGreaterThanOrEqual(3);
    expect(refused.length + checked.length).toBe(answers.length);
    for (const answer of refused) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(answer.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/try again in \d+ s/) });
    }

    // Once the burst is over, logins and hashing work as before.
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const created = await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'after-burst', password: 'after-burst-passphrase' } });
    expect(created.status).toBe(201);
    await expect(login(api.baseUrl, 'after-burst', 'after-burst-passphrase')).resolves.toEqual(expect.any(String));
  });
});
