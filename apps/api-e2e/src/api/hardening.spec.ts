import { ADMIN, login, request, RunningApi, startApi, testDatabaseEngine } from '@lilux/api/testing';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

describe('hardening', () => {
  let api: RunningApi;
  let token: string;

  beforeAll(async () => {
    api = await startApi({ CORS_ORIGINS: 'https://console.example.com' });
    token = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(() => api.stop());

  it('answers health without a token, checking the database', async () => {
    const answer = await request(api.baseUrl, 'GET', '/api/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok', details: { database: { status: 'up' } } });
  });

  it('sends Helmet security headers', async () => {
    const answer = await request(api.baseUrl, 'GET', '/api/health');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(answer.headers.get('x-powered-by')).toBeNull();
  });

  it('sends neither HSTS nor upgrade-insecure-requests over plain HTTP, which would blank the console on a LAN name', async () => {
    // Without TRUST_PROXY a client's X-Forwarded-Proto is not believed.
    for (const headers of [{}, { 'x-forwarded-proto': 'https' }]) {
      const answer = await request(api.baseUrl, 'GET', '/api/health', { headers });
      expect(answer.headers.get('strict-transport-security')).toBeNull();
      expect(answer.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });

  it('tells caches to keep no API answer, the token-bearing login first', async () => {
    const answers = [
      await request(api.baseUrl, 'POST', '/api/auth/login', { body: ADMIN }),
      await request(api.baseUrl, 'POST', '/login', { body: ADMIN }),
      await request(api.baseUrl, 'GET', '/api/auth/me', { token }),
      await request(api.baseUrl, 'GET', '/api/health'),
      await request(api.baseUrl, 'GET', '/api/orders'),
      await request(api.baseUrl, 'GET', '/api/does-not-exist', { token }),
    ];
    // The health check sets its own `no-cache, no-store, must-revalidate`.
    expect(answers.map((answer) => [answer.status, answer.headers.get('cache-control')?.includes('no-store')])).toEqual([
      [200, true],
      [200, true],
      [200, true],
      [200, true],
      [401, true],
      [404, true],
    ]);
  });

  (testDatabaseEngine() === 'sqlite' ? it : it.skip)('keeps the data directory and the database files private to their owner', async () => {
    const modeOf = (path: string) => (statSync(join(api.directory, path)).mode & 0o777).toString(8);
    const files = readdirSync(join(api.directory, 'data'));
    expect(files).toEqual(expect.arrayContaining(['lilux.db', 'lilux.db-wal', 'lilux.db-shm']));
    expect([modeOf('data'), ...files.map((file) => modeOf(join('data', file)))]).toEqual(['700', ...files.map(() => '600')]);
  });

  it('allows CORS only from CORS_ORIGINS, never with credentials', async () => {
    const preflight = (origin: string) =>
      request(api.baseUrl, 'OPTIONS', '/api/auth/me', {
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight('https://console.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('protects every route that is not marked public', async () => {
    expect((await request(api.baseUrl, 'GET', '/api/users')).status).toBe(401);
    expect((await request(api.baseUrl, 'POST', '/api/auth/logout')).status).toBe(401);
  });

  it('answers unknown API routes with the one error shape', async () => {
    const answer = await request(api.baseUrl, 'GET', '/api/does-not-exist', { token });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const answer = await request(api.baseUrl, 'POST', '/api/auth/login', { rawBody: '{"username": "admin",' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses a body over the limit with 413', async () => {
    const answer = await request(api.baseUrl, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: 'x'.repeat(100 * 1024) },
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('refuses JSON nested too deep with a 400 naming the problem, before anything recurses into it', async () => {
    const nestedArrays = `{"username": ${'['.repeat(2000)}${']'.repeat(2000)}, "password": "x"}`;
    const nestedObjects = `{"username": "admin", "password": ${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`;
    for (const rawBody of [nestedArrays, nestedObjects]) {
      const answer = await request(api.baseUrl, 'POST', '/api/auth/login', { rawBody });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/nested deeper than \d+ levels/) });
    }
    const order = await request(api.baseUrl, 'POST', '/api/orders', {
      token,
      rawBody: `{"symbol": "BTC/USDT", "side": "buy", "qty": ${'['.repeat(2000)}${']'.repeat(2000)}}`,
    });
    expect(order.status).toBe(400);
  });

  it('refuses a body that is not an object', async () => {
    const answer = await request(api.baseUrl, 'POST', '/api/users', { token, body: ['admin'] });
    expect(answer.status).toBe(400);
  });

  it('logs requests as JSON without tokens or passwords', async () => {
    await request(api.baseUrl, 'POST', '/api/auth/login', { body: { username: 'admin', password: 'logged-password?' } });
    await request(api.baseUrl, 'GET', '/api/auth/me', { token });
    await api.waitForOutput('"url":"/api/auth/me"');
    const lines = api
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.req?.url === '/api/auth/me');
    expect(requests.length).toBeGreaterThan(0);
    expect(api.output()).not.toContain(token);
    expect(api.output()).not.toContain(token.split('.')[2]);
    expect(api.output()).not.toContain('logged-password?');
    expect(api.output()).not.toContain(ADMIN.password);
  });

  it('logs no query string, where a client may have put a token', async () => {
    await request(api.baseUrl, 'GET', `/api/auth/me?access_token=${token}`, { token });
    await request(api.baseUrl, 'GET', `/api/nowhere?token=${token}`);
    await api.waitForOutput('"url":"/api/nowhere');
    expect(api.output()).toContain('"url":"/api/auth/me?[redacted]"');
    expect(api.output()).not.toContain(token.split('.')[2]);
  });
});

describe('hardening behind a trusted proxy', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi({ TRUST_PROXY: 'true' });
  });

  afterAll(() => api.stop());

  it('sends HSTS and upgrade-insecure-requests when the proxy says the client came over HTTPS, and only then', async () => {
    const overHttps = await request(api.baseUrl, 'GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(overHttps.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(overHttps.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');

    const overHttp = await request(api.baseUrl, 'GET', '/api/health', { headers: { 'x-forwarded-proto': 'http' } });
    expect(overHttp.headers.get('strict-transport-security')).toBeNull();
    expect(overHttp.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });
});
