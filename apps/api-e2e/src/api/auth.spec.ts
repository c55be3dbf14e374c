import { ADMIN, login, request, RunningApi, startApi, TEST_JWT_SECRET } from '@lilux/api/testing';
import { craftToken, decodePayload } from '../support/tokens';

describe('authentication', () => {
  let api: RunningApi;
  let adminToken: string;

  beforeAll(async () => {
    // Login throttling has its own spec; here it would only get in the way of the many logins.
    api = await startApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000' });
    adminToken = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(() => api.stop());

  async function createTrader(username: string, password = `${username}-password`): Promise<string> {
    const created = await request(api.baseUrl, 'POST', '/api/users', { token: adminToken, body: { username, password } });
    expect(created.status).toBe(201);
    return login(api.baseUrl, username, password);
  }

  const me = (token: string, headers?: Record<string, string>) => request(api.baseUrl, 'GET', '/api/auth/me', { token, headers });

  describe('login', () => {
    it('answers with a bearer token on /api/auth/login and on the seed route /login', async () => {
      for (const path of ['/api/auth/login', '/login']) {
        const answer = await request(api.baseUrl, 'POST', path, { body: ADMIN });
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
      }
    });

    it('signs HS256 tokens with exp, iat, sub, iss and aud', async () => {
      const [header] = adminToken.split('.');
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
      const claims = decodePayload(adminToken);
      expect(claims).toMatchObject({ iss: 'lilux', aud: 'lilux-api', sub: expect.any(String) });
      expect(Number(claims['exp']) - Number(claims['iat'])).toBe(900);
    });

    it('gives the same 401 for an unknown user and a wrong password, in similar time', async () => {
      const timed = async (body: object) => {
        const started = performance.now();
        const answer = await request(api.baseUrl, 'POST', '/api/auth/login', { body });
        return { answer, ms: performance.now() - started };
      };
      const unknownUser = await timed({ username: 'nobody-here', password: 'whatever-password' });
      const wrongPassword = await timed({ username: ADMIN.username, password: 'whatever-password' });

      expect(unknownUser.answer.status).toBe(401);
      expect(wrongPassword.answer.body).toEqual(unknownUser.answer.body);
      expect(unknownUser.answer.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'invalid username or password' });
      // Both pay for one bcrypt comparison at cost 12 (~250 ms); a skipped comparison would take ~1 ms.
      expect(unknownUser.ms).toBeGreaterThan(100);
      expect(wrongPassword.ms).toBeGreaterThan(100);
    });

    it('refuses a password over 72 bytes with 400 rather than truncating it', async () => {
      const answer = await request(api.baseUrl, 'POST', '/api/auth/login', {
        body: { username: ADMIN.username, password: ADMIN.password + 'x'.repeat(60) },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual({ password: 'must be at most 72 bytes' });
    });

    it('refuses unknown fields', async () => {
      const answer = await request(api.baseUrl, 'POST', '/api/auth/login', { body: { ...ADMIN, remember: true } });
      expect(answer.status).toBe(400);
      expect(answer.body.fields).toEqual({ remember: 'is not a field this request accepts' });
    });
  });

  describe('tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const claimsFor = (token: string) => decodePayload(token);

    it('lets a valid token through', async () => {
      const answer = await me(adminToken);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ username: ADMIN.username, role: 'admin' });
      expect(answer.body).not.toHaveProperty('passwordHash');
    });

    it.each([
      ['no Authorization header', undefined],
      ['"Bearer" with no token', 'Bearer'],
      ['"Bearer " with an empty token', 'Bearer '],
      ['a token that is not a JWT', 'Bearer not-a-jwt'],
    ])('refuses %s with 401', async (_case, header) => {
      const answer = await request(api.baseUrl, 'GET', '/api/auth/me', { headers: header === undefined ? {} : { authorization: header } });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('refuses alg: none', async () => {
      const token = craftToken({ alg: 'none', typ: 'JWT' }, claimsFor(adminToken), '');
      expect((await me(token)).status).toBe(401);
    });

    it('refuses another algorithm even with the right secret', async () => {
      const token = craftToken({ alg: 'HS512', typ: 'JWT' }, claimsFor(adminToken), TEST_JWT_SECRET);
      expect((await me(token)).status).toBe(401);
    });

    it('refuses a tampered payload and a forged signature', async () => {
      const [header, , signature] = adminToken.split('.');
      const otherPayload = Buffer.from(JSON.stringify({ ...claimsFor(adminToken), sub: 'someone-else' })).toString('base64url');
      expect((await me(`${header}.${otherPayload}.${signature}`)).status).toBe(401);
      const forged = craftToken({ alg: 'HS256', typ: 'JWT' }, claimsFor(adminToken), 'a-different-secret-of-enough-length-000');
      expect((await me(forged)).status).toBe(401);
    });

    it('refuses a token without exp, and an expired one', async () => {
      const withoutExp = claimsFor(adminToken);
      delete withoutExp['exp'];
      expect((await me(craftToken({ alg: 'HS256', typ: 'JWT' }, withoutExp, TEST_JWT_SECRET))).status).toBe(401);
      const expired = { ...claimsFor(adminToken), iat: now() - 7200, exp: now() - 60 };
      expect((await me(craftToken({ alg: 'HS256', typ: 'JWT' }, expired, TEST_JWT_SECRET))).status).toBe(401);
    });

    it('refuses a token for another issuer or audience', async () => {
      const header = { alg: 'HS256', typ: 'JWT' };
      expect((await me(craftToken(header, { ...claimsFor(adminToken), iss: 'elsewhere' }, TEST_JWT_SECRET))).status).toBe(401);
      expect((await me(craftToken(header, { ...claimsFor(adminToken), aud: 'other-api' }, TEST_JWT_SECRET))).status).toBe(401);
    });

    it('accepts a correctly crafted token, so the refusals above are about what they change', async () => {
      const token = craftToken({ alg: 'HS256', typ: 'JWT' }, claimsFor(adminToken), TEST_JWT_SECRET);
      expect((await me(token)).status).toBe(200);
    });
  });

  describe('sessions', () => {
    it('logout makes exactly that token unusable', async () => {
      const first = await createTrader('logout-user');
      const second = await login(api.baseUrl, 'logout-user', 'logout-user-password');

      expect((await request(api.baseUrl, 'POST', '/api/auth/logout', { token: first })).status).toBe(204);
      expect((await me(first)).status).toBe(401);
      expect((await me(second)).status).toBe(200);
    });

    it('a password change ends the other sessions and hands this one a new token', async () => {
      const current = await createTrader('changer');
      const other = await login(api.baseUrl, 'changer', 'changer-password');

      const changed = await request(api.baseUrl, 'POST', '/api/auth/password', {
        token: current,
        body: { currentPassword: 'changer-password', newPassword: 'changer-new-password' },
      });
      expect(changed.status).toBe(200);
      expect((await me(other)).status).toBe(401);
      expect((await me(current)).status).toBe(401);
      expect((await me(changed.body.access_token)).status).toBe(200);
      await expect(login(api.baseUrl, 'changer', 'changer-new-password')).resolves.toEqual(expect.any(String));
    });

    it('a password change needs the current password and a new one of 8 to 72 bytes', async () => {
      const token = await createTrader('careful');
      const wrong = await request(api.baseUrl, 'POST', '/api/auth/password', {
        token,
        body: { currentPassword: 'not-my-password', newPassword: 'another-password' },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.message).toBe('currentPassword is not your current password');
      expect(wrong.body.fields).toEqual({ currentPassword: 'is not your current password' });

      const tooLong = await request(api.baseUrl, 'POST', '/api/auth/password', {
        token,
        body: { currentPassword: 'careful-password', newPassword: 'é'.repeat(37) },
      });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.fields.newPassword).toContain('8 to 72 bytes');
      expect((await me(token)).status).toBe(200);
    });
  });

  describe('users and roles', () => {
    it('lets an administrator create and list users', async () => {
      await createTrader('listed-user');
      const listed = await request(api.baseUrl, 'GET', '/api/users', { token: adminToken });
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'listed-user', role: 'trader' })]));
      expect(JSON.stringify(listed.body)).not.toMatch(/password/i);
    });

    it('answers 403 to a trader calling an administrator route', async () => {
      const trader = await createTrader('plain-trader');
      expect((await request(api.baseUrl, 'GET', '/api/users', { token: trader })).status).toBe(403);
      const attempt = await request(api.baseUrl, 'POST', '/api/users', {
        token: trader,
        body: { username: 'sneaky', password: 'sneaky-password', role: 'admin' },
      });
      expect(attempt.status).toBe(403);
      expect(attempt.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    });

    it('refuses a username taken in another case with 409, and bad input with 400, creating nothing', async () => {
      await createTrader('Mixed.Case');
      const duplicate = await request(api.baseUrl, 'POST', '/api/users', {
        token: adminToken,
        body: { username: 'mixed.case', password: 'some-password' },
      });
      expect(duplicate.status).toBe(409);
      // Named, so that a form shows it under the username field.
      expect(duplicate.body.fields).toEqual({ username: 'is already taken' });

      const invalid = await request(api.baseUrl, 'POST', '/api/users', {
        token: adminToken,
        body: { username: 'x', password: 'short', role: 'owner', extra: 1 },
      });
      expect(invalid.status).toBe(400);
      expect(Object.keys(invalid.body.fields).sort()).toEqual(['extra', 'password', 'role', 'username']);

      const listed = await request(api.baseUrl, 'GET', '/api/users', { token: adminToken });
      expect(listed.body.filter((user: { username: string }) => user.username.toLowerCase() === 'mixed.case')).toHaveLength(1);
      expect(listed.body.some((user: { username: string }) => user.username === 'x')).toBe(false);
    });
  });
});
