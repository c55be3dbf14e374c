import { ADMIN, Answer, login, request, RunningApi, startApi } from '@lilux/api/testing';
import { decodePayload } from '../support/tokens';

const FIREFOX_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const COOKIE = 'lilux_refresh';

/** The refresh cookie an answer sets, with its attributes (lower-cased names), or undefined. */
function refreshCookieOf(answer: Answer): { value: string; attributes: Record<string, string | true> } | undefined {
  const line = answer.headers.getSetCookie().find((cookie) => cookie.startsWith(`${COOKIE}=`));
  if (!line) return undefined;
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  return {
    value: decodeURIComponent(pair.slice(COOKIE.length + 1)),
    attributes: Object.fromEntries(
      attributes.map((attribute) => {
        const [name, ...value] = attribute.split('=');
        return [name.toLowerCase(), value.length > 0 ? value.join('=') : true];
      }),
    ),
  };
}

/** Whether the answer tells the browser to drop the refresh cookie. */
function clearsRefreshCookie(answer: Answer): boolean {
  const cookie = refreshCookieOf(answer);
  return cookie !== undefined && cookie.value === '' && (cookie.attributes['max-age'] === '0' || new Date(String(cookie.attributes['expires'])) <= new Date());
}

describe('sessions: short access tokens, a rotating refresh cookie, sessions listed and ended', () => {
  let api: RunningApi;
  let adminToken: string;

  beforeAll(async () => {
    // Behind a proxy, so that a test can say the request came over HTTPS (X-Forwarded-Proto) and from where.
    api = await startApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', TRUST_PROXY: 'true' });
    adminToken = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(() => api.stop());

  const me = (token: string) => request(api.baseUrl, 'GET', '/api/auth/me', { token });
  const refresh = (cookie: string, headers: Record<string, string> = {}) =>
    request(api.baseUrl, 'POST', '/api/auth/refresh', { body: {}, headers: { cookie: `${COOKIE}=${encodeURIComponent(cookie)}`, ...headers } });

  async function createUser(username: string): Promise<{ username: string; password: string }> {
    const password = `${username}-password`;
    expect((await request(api.baseUrl, 'POST', '/api/users', { token: adminToken, body: { username, password } })).status).toBe(201);
    return { username, password };
  }

  /** Signs in as a browser would: the access token from the body, the refresh token from the cookie. */
  async function signIn(user: { username: string; password: string }, headers: Record<string, string> = {}) {
    const answer = await request(api.baseUrl, 'POST', '/api/auth/login', { body: user, headers });
    expect(answer.status).toBe(200);
    const cookie = refreshCookieOf(answer);
    if (!cookie) throw new Error('login set no refresh cookie');
    return { token: answer.body.access_token as string, cookie: cookie.value, answer };
  }

  async function refreshed(cookie: string) {
    const answer = await refresh(cookie);
    expect(answer.status).toBe(200);
    const next = refreshCookieOf(answer);
    if (!next) throw new Error('refresh set no refresh cookie');
    return { token: answer.body.access_token as string, cookie: next.value, answer };
  }

  describe('the refresh cookie', () => {
    it('is set by login: HttpOnly, SameSite=Strict, only for /api/auth, and not Secure over plain HTTP', async () => {
      const { answer, cookie } = await signIn(ADMIN);
      const { attributes } = refreshCookieOf(answer) ?? { attributes: {} };
      expect(attributes).toMatchObject({ httponly: true, samesite: 'Strict', path: '/api/auth', 'max-age': String(30 * 24 * 3600) });
      expect(attributes).not.toHaveProperty('secure');
      // High-entropy and opaque: 32 random bytes, not a JWT.
      expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('is Secure when the request came over HTTPS through the trusted proxy', async () => {
      const { answer } = await signIn(ADMIN, { 'x-forwarded-proto': 'https' });
      expect(refreshCookieOf(answer)?.attributes).toMatchObject({ secure: true, httponly: true, samesite: 'Strict' });
    });
  });

  describe('access tokens', () => {
    it('live at most 15 minutes by default, from login and from refresh', async () => {
      const signedIn = await signIn(ADMIN);
      const renewed = await refreshed(signedIn.cookie);
      for (const { answer, token } of [signedIn, renewed]) {
        expect(answer.body).toEqual({ access_token: token, token_type: 'Bearer', expires_in: 900 });
        const claims = decodePayload(token);
        expect(Number(claims['exp']) - Number(claims['iat'])).toBe(900);
      }
    });

    it('carry their session, so that both tokens of one session name the same one', async () => {
      const signedIn = await signIn(ADMIN);
      const renewed = await refreshed(signedIn.cookie);
      expect(decodePayload(signedIn.token)['sid']).toEqual(expect.any(String));
      expect(decodePayload(renewed.token)['sid']).toBe(decodePayload(signedIn.token)['sid']);
    });
  });

  describe('refresh', () => {
    it('hands out a working access token and a new cookie; the old cookie is then refused and cleared', async () => {
      const user = await createUser('rotating');
      const first = await signIn(user);
      const second = await refreshed(first.cookie);
      expect(second.cookie).not.toBe(first.cookie);
      expect(second.token).not.toBe(first.token);
      expect((await me(second.token)).body).toMatchObject({ username: 'rotating' });
      // The access token issued before the refresh still stands: the session goes on.
      expect((await me(first.token)).status).toBe(200);

      const third = await refreshed(second.cookie);
      expect((await me(third.token)).status).toBe(200);
    });

    it('ends the whole session when a used refresh token comes back: the newest cookie and every access token stop', async () => {
      const user = await createUser('replayed');
      const elsewhere = await signIn(user);
      const first = await signIn(user);
      const second = await refreshed(first.cookie);
      const third = await refreshed(second.cookie);

      const replay = await refresh(first.cookie);
      expect(replay.status).toBe(401);
      expect(clearsRefreshCookie(replay)).toBe(true);

      expect((await refresh(third.cookie)).status).toBe(401);
      for (const token of [first.token, second.token, third.token]) expect((await me(token)).status).toBe(401);
      // Another session of the same user is another family.
      expect((await me(elsewhere.token)).status).toBe(200);
      expect((await refresh(elsewhere.cookie)).status).toBe(200);
    });

    it('lets one of two refreshes racing with one token win, and treats the other as a replay', async () => {
      const user = await createUser('racing');
      const signedIn = await signIn(user);
      const answers = await Promise.all(Array.from({ length: 5 }, () => refresh(signedIn.cookie)));

      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 401, 401, 401, 401]);
      const winner = answers.find((answer) => answer.status === 200) as Answer;
      // The losers were replays: the winner's tokens went with the session.
      expect((await me(winner.body.access_token)).status).toBe(401);
      expect((await refresh(refreshCookieOf(winner)?.value ?? '')).status).toBe(401);
      expect((await me(signedIn.token)).status).toBe(401);
    });

    it('refuses a missing or unknown cookie with 401 and clears it', async () => {
      const missing = await request(api.baseUrl, 'POST', '/api/auth/refresh', { body: {} });
      expect(missing.status).toBe(401);
      expect(clearsRefreshCookie(missing)).toBe(true);
      const unknown = await refresh('A'.repeat(43));
      expect(unknown.status).toBe(401);
      expect(missing.body).toEqual(unknown.body);
    });

    it('takes the cookie only from a JSON request, so a cross-site form cannot spend it', async () => {
      const signedIn = await signIn(ADMIN);
      for (const [contentType, rawBody] of [
        ['application/x-www-form-urlencoded', 'a=1'],
        ['text/plain', '{}'],
      ]) {
        const answer = await request(api.baseUrl, 'POST', '/api/auth/refresh', {
          rawBody,
          headers: { 'content-type': contentType, cookie: `${COOKIE}=${encodeURIComponent(signedIn.cookie)}` },
        });
        expect(answer.status).toBe(415);
        expect(refreshCookieOf(answer)).toBeUndefined();
      }
      // The cookie was not spent.
      expect((await refresh(signedIn.cookie)).status).toBe(200);
    });
  });

  describe('the sessions list', () => {
    it("lists the user's own sessions with device, address and last seen, the current one marked, no secret", async () => {
      const user = await createUser('listed');
      const firefox = await signIn(user, { 'user-agent': FIREFOX_ON_LINUX, 'x-forwarded-for': '203.0.113.7' });
      const script = await signIn(user, { 'user-agent': 'curl/8.5.0', 'x-forwarded-for': '198.51.100.20' });

      const listed = await request(api.baseUrl, 'GET', '/api/auth/sessions', { token: firefox.token });
      expect(listed.status).toBe(200);
      expect(listed.body).toHaveLength(2);
      expect(listed.body).toEqual(
        expect.arrayContaining([
          {
            id: decodePayload(firefox.token)['sid'],
            device: 'Firefox on Linux',
            address: '203.0.113.7',
            createdAt: expect.any(String),
            lastSeenAt: expect.any(String),
            isCurrent: true,
          },
          expect.objectContaining({ id: decodePayload(script.token)['sid'], device: 'curl', address: '198.51.100.20', isCurrent: false }),
        ]),
      );
      const text = JSON.stringify(listed.body);
      expect(text).not.toContain(firefox.cookie);
      expect(text).not.toContain(script.cookie);
    });

    it('moves last seen and the address forward on a refresh', async () => {
      const user = await createUser('moving');
      const signedIn = await signIn(user, { 'x-forwarded-for': '192.0.2.1' });
      const [before] = (await request(api.baseUrl, 'GET', '/api/auth/sessions', { token: signedIn.token })).body;
      const answer = await refresh(signedIn.cookie, { 'x-forwarded-for': '192.0.2.2' });
      expect(answer.status).toBe(200);
      const [after] = (await request(api.baseUrl, 'GET', '/api/auth/sessions', { token: answer.body.access_token })).body;
      expect(after.address).toBe('192.0.2.2');
      expect(Date.parse(after.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(before.lastSeenAt));
      expect(after.createdAt).toBe(before.createdAt);
    });

    it('ends one session: its access token and its cookie stop at once; another user cannot end it', async () => {
      const user = await createUser('ending');
      const laptop = await signIn(user);
      const phone = await signIn(user);
      const phoneSession = decodePayload(phone.token)['sid'] as string;
      const stranger = await signIn(await createUser('stranger'));

      const foreign = await request(api.baseUrl, 'DELETE', `/api/auth/sessions/${phoneSession}`, { token: stranger.token });
      expect(foreign.status).toBe(404);
      expect((await request(api.baseUrl, 'DELETE', '/api/auth/sessions/no-such-session', { token: laptop.token })).status).toBe(404);
      expect((await me(phone.token)).status).toBe(200);

      expect((await request(api.baseUrl, 'DELETE', `/api/auth/sessions/${phoneSession}`, { token: laptop.token })).status).toBe(204);
      expect((await me(phone.token)).status).toBe(401);
      expect((await refresh(phone.cookie)).status).toBe(401);
      expect((await me(laptop.token)).status).toBe(200);
      const listed = await request(api.baseUrl, 'GET', '/api/auth/sessions', { token: laptop.token });
      expect(listed.body.map((session: { id: string }) => session.id)).toEqual([decodePayload(laptop.token)['sid']]);
    });

    it('ends every other session with ?keep=current, and all of them without it', async () => {
      const user = await createUser('everywhere');
      const [here, there, script] = [await signIn(user), await signIn(user), await signIn(user)];

      const invalid = await request(api.baseUrl, 'DELETE', '/api/auth/sessions?keep=others', { token: here.token });
      expect(invalid.status).toBe(400);
      expect(invalid.body.fields).toEqual({ keep: expect.stringContaining('current') });
      expect((await me(there.token)).status).toBe(200);

      expect((await request(api.baseUrl, 'DELETE', '/api/auth/sessions?keep=current', { token: here.token })).status).toBe(204);
      for (const other of [there, script]) {
        expect((await me(other.token)).status).toBe(401);
        expect((await refresh(other.cookie)).status).toBe(401);
      }
      const renewed = await refreshed(here.cookie);
      expect((await me(renewed.token)).status).toBe(200);

      const all = await request(api.baseUrl, 'DELETE', '/api/auth/sessions', { token: renewed.token });
      expect(all.status).toBe(204);
      expect(clearsRefreshCookie(all)).toBe(true);
      expect((await me(renewed.token)).status).toBe(401);
      expect((await refresh(renewed.cookie)).status).toBe(401);
    });
  });

  describe('logout', () => {
    it('ends the session of the token and clears the cookie', async () => {
      const user = await createUser('leaving');
      const signedIn = await signIn(user);
      const renewed = await refreshed(signedIn.cookie);

      const answer = await request(api.baseUrl, 'POST', '/api/auth/logout', { token: renewed.token });
      expect(answer.status).toBe(204);
      expect(clearsRefreshCookie(answer)).toBe(true);
      expect((await refresh(renewed.cookie)).status).toBe(401);
      expect((await me(signedIn.token)).status).toBe(401);
      expect((await me(renewed.token)).status).toBe(401);
    });
  });

  describe('password change', () => {
    it("ends the other sessions, refresh cookies included, and keeps this one's", async () => {
      const user = await createUser('rekeyed');
      const current = await signIn(user);
      const other = await signIn(user);

      const changed = await request(api.baseUrl, 'POST', '/api/auth/password', {
        token: current.token,
        body: { currentPassword: user.password, newPassword: 'rekeyed-new-password' },
      });
      expect(changed.status).toBe(200);
      expect((await refresh(other.cookie)).status).toBe(401);
      const renewed = await refreshed(current.cookie);
      expect((await me(renewed.token)).status).toBe(200);
      const listed = await request(api.baseUrl, 'GET', '/api/auth/sessions', { token: renewed.token });
      expect(listed.body.map((session: { id: string }) => session.id)).toEqual([decodePayload(current.token)['sid']]);
    });
  });

  describe('scripts', () => {
    it('work with the bearer token from login alone, never touching a cookie', async () => {
      const user = await createUser('scripted');
      const answer = await request(api.baseUrl, 'POST', '/api/auth/login', { body: user, headers: { 'user-agent': 'python-requests/2.32.3' } });
      const token = answer.body.access_token as string;
      for (const path of ['/api/auth/me', '/api/portfolio', '/api/orders', '/api/auth/sessions']) {
        expect((await request(api.baseUrl, 'GET', path, { token })).status).toBe(200);
      }
      const [session] = (await request(api.baseUrl, 'GET', '/api/auth/sessions', { token })).body;
      expect(session).toMatchObject({ device: 'Python script', isCurrent: true });
      expect((await request(api.baseUrl, 'POST', '/api/auth/logout', { token })).status).toBe(204);
      expect((await me(token)).status).toBe(401);
    });
  });
});
