import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';

describe('login throttling', () => {
  let api: RunningApi;

  beforeAll(async () => {
    // The limit per address across usernames has its own test below; here it would stop the 19 logins first.
    api = await startApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '5', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '100' });
  });

  afterAll(() => api.stop());

  const attempt = (username: string, headers: Record<string, string> = {}) =>
    request(api.baseUrl, 'POST', '/api/auth/login', { body: { username, password: 'wrong-password' }, headers });

  it('answers 429 with Retry-After after 5 attempts a minute for one address and username', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('victim')).status).toBe(401);

    const blocked = await attempt('victim');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(blocked.body.message).toMatch(/try again in \d+ s/);
  });

  it('counts usernames case-insensitively, and the seed route /login against the same limit', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('Other-Victim')).status).toBe(401);
    const viaSeedRoute = await request(api.baseUrl, 'POST', '/login', { body: { username: 'other-victim', password: 'x' } });
    expect(viaSeedRoute.status).toBe(429);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    for (let i = 0; i < 5; i++) await attempt('spoofer', { 'x-forwarded-for': `10.0.0.${i}` });
    expect((await attempt('spoofer', { 'x-forwarded-for': '10.9.9.9' })).status).toBe(429);
  });

  it('keeps other users of the same address able to log in', async () => {
    const answer = await request(api.baseUrl, 'POST', '/api/auth/login', { body: ADMIN });
    expect(answer.status).toBe(200);
  });
});

describe('login throttling behind a trusted proxy', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi({ TRUST_PROXY: 'true' });
  });

  afterAll(() => api.stop());

  it('tracks the X-Forwarded-For client address', async () => {
    const attempt = (address: string) =>
      request(api.baseUrl, 'POST', '/api/auth/login', {
        body: { username: 'proxied', password: 'wrong-password' },
        headers: { 'x-forwarded-for': address },
      });
    for (let i = 0; i < 5; i++) expect((await attempt('203.0.113.7')).status).toBe(401);
    expect((await attempt('203.0.113.7')).status).toBe(429);
    expect((await attempt('203.0.113.8')).status).toBe(401);
  });
});

describe('the global rate limit', () => {
  const PER_MINUTE = 20;
  /** Cheap routes of every kind: each would have had a budget of its own if the limit were counted per route. */
  const ROUTES = ['/api/health', '/api/auth/me', '/api/markets', '/api/market/status', '/api/accounts', '/api/orders', '/api/trades', '/api/exchanges'];
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) });
  });

  afterAll(() => api.stop());

  /** `count` GETs spread over the routes, one after the other; the statuses they got. */
  const spread = async (count: number, token?: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) statuses.push((await request(api.baseUrl, 'GET', ROUTES[i % ROUTES.length], { token })).status);
    return statuses;
  };

  it('gives each signed-in user one budget across every route, then 429 with Retry-After, other clients unaffected', async () => {
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    expect((await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'spreader', password: 'spreader-password' } })).status).toBe(
      201,
    );
    const spreader = await login(api.baseUrl, 'spreader', 'spreader-password');

    expect(await spread(PER_MINUTE, spreader)).not.toContain(429);
    const blocked = await request(api.baseUrl, 'GET', '/api/portfolio', { token: spreader });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(blocked.body.message).toMatch(/try again in \d+ s/);

    // Same address, another user, and the address itself without a token: budgets of their own.
    expect((await request(api.baseUrl, 'GET', '/api/portfolio', { token: admin })).status).toBe(200);
    expect((await request(api.baseUrl, 'GET', '/api/health')).status).toBe(200);
  });

  it('counts requests without a valid token per address, whichever token they carry', async () => {
    const forged = `${(await login(api.baseUrl, ADMIN.username, ADMIN.password)).slice(0, -4)}AAAA`;
    // What the address has left after the logins above (and the start-up health checks).
    const remaining = Number((await request(api.baseUrl, 'GET', '/api/health')).headers.get('x-ratelimit-remaining'));
    expect(remaining).toBeLessThan(PER_MINUTE - 3);
    const statuses = [...(await spread(remaining - 1)), ...(await spread(1, forged))];
    expect(statuses).not.toContain(429);
    const blocked = await request(api.baseUrl, 'GET', '/api/orders', { token: 'not.a.token' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await request(api.baseUrl, 'POST', '/api/auth/login', { body: ADMIN })).status).toBe(429);
  });
});

describe('login throttling per address, across usernames', () => {
  let api: RunningApi;

  beforeAll(async () => {
    // Behind a trusted proxy, so that one API sees several client addresses.
    api = await startApi({ TRUST_PROXY: 'true', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '10' });
  });

  afterAll(() => api.stop());

  const attempt = (body: object, address: string) => request(api.baseUrl, 'POST', '/api/auth/login', { body, headers: { 'x-forwarded-for': address } });

  it('answers 429 with Retry-After once one address has tried 10 logins in a minute, whatever the usernames', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await attempt({ username: `unknown-${i}`, password: 'wrong-password' }, '203.0.113.20')).status).toBe(401);
    }
    const blocked = await attempt({ username: 'unknown-10', password: 'wrong-password' }, '203.0.113.20');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // The address is spent, for a real user too; another address is not.
    expect((await attempt(ADMIN, '203.0.113.20')).status).toBe(429);
    expect((await attempt(ADMIN, '203.0.113.21')).status).toBe(200);
  });
});
