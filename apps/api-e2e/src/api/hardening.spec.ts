import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';

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
    expect(answer.headers.get('strict-transport-security')).toBeTruthy();
    expect(answer.headers.get('x-powered-by')).toBeNull();
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
});
