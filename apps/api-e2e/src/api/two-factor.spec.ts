import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import { aFreshStep, codeAt } from '../support/totp';

const API_KEY = 'twoFactorKeyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6';
const SECRET = 'twoFactorSecretZ9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2H1g0F9e8D7c6B5';

interface Enrolled {
  token: string;
  password: string;
  secret: string;
  recoveryCodes: string[];
}

describe('two-factor authentication (TOTP)', () => {
  let api: RunningApi;
  let admin: string;

  beforeAll(async () => {
    // Login throttling has its own spec; here it would only get in the way of the many logins.
    api = await startApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(() => api.stop());

  const call = (method: string, path: string, token?: string, body?: unknown) => request(api.baseUrl, method, path, { token, body });
  const logIn = (username: string, password: string, proof: { code?: string; recoveryCode?: string } = {}) =>
    call('POST', '/api/auth/login', undefined, { username, password, ...proof });

  async function createUser(username: string): Promise<{ token: string; password: string }> {
    const password = `${username}-password`;
    expect((await call('POST', '/api/users', admin, { username, password })).status).toBe(201);
    return { token: await login(api.baseUrl, username, password), password };
  }

  /**
   * A user with two-factor authentication on, confirmed with the code of the step before `step`, and a token from
   * before. `step` is a fresh one: the codes of `step` and `step + 1` are good for the next 15 s at least.
   */
  async function enrolledUser(username: string): Promise<Enrolled & { step: number }> {
    const { token, password } = await createUser(username);
    const started = await call('POST', '/api/auth/2fa/enrolment', token, { password });
    expect(started.status).toBe(201);
    const step = await aFreshStep();
    const confirmed = await call('POST', '/api/auth/2fa/enrolment/confirm', token, { code: codeAt(started.body.secret, step - 1) });
    expect(confirmed.status).toBe(200);
    return { token, password, secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes, step };
  }

  describe('enrolment', () => {
    it('starts with the password, shows a QR code and the secret once, and turns on with a code', async () => {
      const { token, password } = await createUser('enroller');
      expect((await call('GET', '/api/auth/2fa', token)).body).toEqual({ enabled: false, recoveryCodesLeft: 0, required: false });

      const wrongPassword = await call('POST', '/api/auth/2fa/enrolment', token, { password: 'not-the-password' });
      expect([wrongPassword.status, wrongPassword.body.fields]).toEqual([400, { password: 'is not your current password' }]);

      const started = await call('POST', '/api/auth/2fa/enrolment', token, { password });
      expect(started.status).toBe(201);
      const { secret, otpauthUri, qrCodeDataUrl } = started.body;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(otpauthUri);
      expect([uri.protocol, uri.host, decodeURIComponent(uri.pathname)]).toEqual(['otpauth:', 'totp', '/Lilux:enroller']);
      expect(Object.fromEntries(uri.searchParams)).toEqual({ issuer: 'Lilux', secret, algorithm: 'SHA1', digits: '6', period: '30' });
      expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);

      // Pending: the login does not ask for a code yet.
      expect((await logIn('enroller', password)).status).toBe(200);
      expect((await call('GET', '/api/auth/2fa', token)).body.enabled).toBe(false);

      const step = await aFreshStep();
      const wrongCode = await call('POST', '/api/auth/2fa/enrolment/confirm', token, { code: codeAt(secret, step + 5) });
      expect([wrongCode.status, wrongCode.body.reason, Object.keys(wrongCode.body.fields)]).toEqual([400, 'two_factor_invalid', ['code']]);
      const malformed = await call('POST', '/api/auth/2fa/enrolment/confirm', token, { code: '12345' });
      expect([malformed.status, malformed.body.fields]).toEqual([400, { code: 'must be the 6 digits your authenticator app shows' }]);

      const confirmed = await call('POST', '/api/auth/2fa/enrolment/confirm', token, { code: codeAt(secret, step) });
      expect(confirmed.status).toBe(200);
      const { recoveryCodes } = confirmed.body;
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);
      expect((await call('GET', '/api/auth/2fa', token)).body).toEqual({ enabled: true, recoveryCodesLeft: 10, required: false });

      expect((await call('POST', '/api/auth/2fa/enrolment', token, { password })).status).toBe(409);
      expect((await call('POST', '/api/auth/2fa/enrolment/confirm', token, { code: codeAt(secret, step + 1) })).status).toBe(409);

      // Neither the secret nor a recovery code is kept, logged or answered in the clear after this.
      const database = await api.database.contents();
      for (const text of [database, api.output(), JSON.stringify((await call('GET', '/api/auth/2fa', token)).body)]) {
        expect(text).not.toContain(secret);
        for (const code of recoveryCodes) expect(text).not.toContain(code);
      }
    });
  });

  describe('login', () => {
    it('asks for the code only after the right password, refuses a wrong one and a used one', async () => {
      const user = await enrolledUser('login-user');
      const { step } = user;

      const wrongPassword = await logIn('login-user', 'not-the-password');
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'invalid username or password' });
      expect((await logIn('login-user', 'not-the-password', { code: codeAt(user.secret, step) })).body).toEqual(wrongPassword.body);

      const noCode = await logIn('login-user', user.password);
      expect(noCode.status).toBe(401);
      expect(noCode.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'two-factor code required', reason: 'two_factor_required' });

      const wrongCode = await logIn('login-user', user.password, { code: codeAt(user.secret, step + 7) });
      expect([wrongCode.status, wrongCode.body.reason]).toEqual([401, 'two_factor_invalid']);

      const accepted = await logIn('login-user', user.password, { code: codeAt(user.secret, step) });
      expect(accepted.status).toBe(200);
      expect((await call('GET', '/api/auth/me', accepted.body.access_token)).body.username).toBe('login-user');

      const reused = await logIn('login-user', user.password, { code: codeAt(user.secret, step) });
      expect([reused.status, reused.body.reason, reused.body.fields]).toEqual([401, 'two_factor_invalid', { code: 'was used already: wait for the next one' }]);
      // Nor an older one, once a newer one was used.
      expect((await logIn('login-user', user.password, { code: codeAt(user.secret, step - 1) })).status).toBe(401);
    });

    it('accepts a code one step either side of now and refuses one two steps away', async () => {
      const { token, password } = await createUser('window-user');
      const { secret } = (await call('POST', '/api/auth/2fa/enrolment', token, { password })).body;
      const step = await aFreshStep();
      const confirm = (offset: number) => call('POST', '/api/auth/2fa/enrolment/confirm', token, { code: codeAt(secret, step + offset) });
      const regenerate = (offset: number) => call('POST', '/api/auth/2fa/recovery-codes', token, { code: codeAt(secret, step + offset) });

      expect((await confirm(-2)).status).toBe(400);
      expect((await confirm(+2)).status).toBe(400);
      expect((await confirm(-1)).status).toBe(200);
      expect((await regenerate(+2)).status).toBe(400);
      expect((await regenerate(+1)).status).toBe(200);
      // The offsets held: the API checked every code within the step the test computed them around.
      expect(Math.floor(Date.now() / 30_000)).toBe(step);
    });

    it('accepts one code once when the same code comes several times at once', async () => {
      const user = await enrolledUser('racer');
      const { step } = user;
      const answers = await Promise.all(Array.from({ length: 5 }, () => logIn('racer', user.password, { code: codeAt(user.secret, step) })));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401, 401]);
    });

    it('lets each recovery code in once, however it is typed, and new ones replace the old', async () => {
      const user = await enrolledUser('recoverer');
      const { step } = user;
      const [first, second] = user.recoveryCodes;

      expect((await logIn('recoverer', user.password, { recoveryCode: first })).status).toBe(200);
      const again = await logIn('recoverer', user.password, { recoveryCode: first });
      expect([again.status, again.body.fields]).toEqual([401, { recoveryCode: 'is not one of your unused recovery codes' }]);
      expect((await logIn('recoverer', user.password, { recoveryCode: second.replace('-', '').toUpperCase() })).status).toBe(200);
      expect((await call('GET', '/api/auth/2fa', user.token)).body.recoveryCodesLeft).toBe(8);

      const regenerated = await call('POST', '/api/auth/2fa/recovery-codes', user.token, { code: codeAt(user.secret, step + 1) });
      expect(regenerated.status).toBe(200);
      expect(regenerated.body.recoveryCodes).toHaveLength(10);
      expect((await logIn('recoverer', user.password, { recoveryCode: user.recoveryCodes[2] })).status).toBe(401);
      expect((await logIn('recoverer', user.password, { recoveryCode: regenerated.body.recoveryCodes[0] })).status).toBe(200);
    });

    it('refuses every code for 15 minutes after five wrong ones, for that user only', async () => {
      const user = await enrolledUser('guessed');
      const { step } = user;
      const other = await enrolledUser('bystander');
      for (let guess = 0; guess < 5; guess++) {
        expect((await logIn('guessed', user.password, { code: String(100000 + guess) })).status).toBe(401);
      }

      const blocked = await logIn('guessed', user.password, { code: codeAt(user.secret, step) });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
      expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(900);
      expect(blocked.body.message).toMatch(/too many wrong two-factor codes/);
      // Recovery codes and step-up count against the same limit.
      expect((await logIn('guessed', user.password, { recoveryCode: user.recoveryCodes[0] })).status).toBe(429);
      const stepUp = await call('POST', '/api/auth/password', user.token, {
        currentPassword: user.password,
        newPassword: 'another-password',
        code: codeAt(user.secret, step),
      });
      expect(stepUp.status).toBe(429);

      expect((await logIn('bystander', other.password, { code: codeAt(other.secret, other.step) })).status).toBe(200);
    });

    it('asks no code once two-factor authentication is off again, which takes the password and a code', async () => {
      const user = await enrolledUser('disabler');
      const { step } = user;
      const disable = (body: object) => call('POST', '/api/auth/2fa/disable', user.token, body);

      const noCode = await disable({ password: user.password });
      expect([noCode.status, noCode.body.reason]).toEqual([403, 'two_factor_required']);
      expect((await disable({ password: 'not-the-password', code: codeAt(user.secret, step) })).body.fields).toEqual({
        password: 'is not your current password',
      });
      expect((await disable({ password: user.password, code: codeAt(user.secret, step) })).status).toBe(204);

      expect((await call('GET', '/api/auth/2fa', user.token)).body).toEqual({ enabled: false, recoveryCodesLeft: 0, required: false });
      expect((await logIn('disabler', user.password)).status).toBe(200);
      expect((await logIn('disabler', user.password, { recoveryCode: user.recoveryCodes[0] })).status).toBe(200);
    });
  });

  describe('step-up', () => {
    /** Checks that `send` is refused without a code and with a wrong one, then goes through with the right one. */
    async function expectStepUp(user: Enrolled, code: string, send: (proof: object) => ReturnType<typeof call>, changed: () => Promise<boolean>) {
      const missing = await send({});
      expect([missing.status, missing.body.reason]).toEqual([403, 'two_factor_required']);
      const wrong = await send({ code: String((Number(code) + 1) % 1_000_000).padStart(6, '0') });
      expect([wrong.status, wrong.body.reason, Object.keys(wrong.body.fields)]).toEqual([400, 'two_factor_invalid', ['code']]);
      expect(await changed()).toBe(false);
      const accepted = await send({ code });
      expect(accepted.status).toBeLessThan(300);
      expect(await changed()).toBe(true);
      return accepted;
    }

    const connect = (user: Enrolled, mode: 'testnet' | 'live', label: string) => (proof: object) =>
      call('POST', '/api/accounts', user.token, { exchange: 'binance', mode, label, apiKey: API_KEY, secret: SECRET, password: user.password, ...proof });
    const accountLabels = async (user: Enrolled) =>
      ((await call('GET', '/api/accounts', user.token)).body as { label: string }[]).map((account) => account.label);

    it('asks for a code before a password change', async () => {
      const user = await enrolledUser('step-password');
      const { step } = user;
      const change = (proof: object) =>
        call('POST', '/api/auth/password', user.token, { currentPassword: user.password, newPassword: 'changed-password', ...proof });
      const changed = async () => (await logIn('step-password', 'changed-password', { recoveryCode: user.recoveryCodes[0] })).status === 200;
      const accepted = await expectStepUp(user, codeAt(user.secret, step), change, changed);
      expect(accepted.body.access_token).toEqual(expect.any(String));
    });

    it('asks for a code before connecting exchange keys and before enabling live trading for an account', async () => {
      const user = await enrolledUser('step-keys');
      const { step } = user;
      await expectStepUp(user, codeAt(user.secret, step), connect(user, 'testnet', 'Testnet keys'), async () =>
        (await accountLabels(user)).includes('Testnet keys'),
      );
      await expectStepUp(user, codeAt(user.secret, step + 1), connect(user, 'live', 'Live keys'), async () =>
        (await accountLabels(user)).includes('Live keys'),
      );
      // The seed's /api/keys is the same route.
      const viaKeys = await call('POST', '/api/keys', user.token, {
        exchange: 'binance',
        mode: 'live',
        label: 'Seed route',
        apiKey: API_KEY,
        secret: SECRET,
        password: user.password,
      });
      expect([viaKeys.status, viaKeys.body.reason]).toEqual([403, 'two_factor_required']);
    });

    it('asks for a code, or a recovery code, before removing exchange keys', async () => {
      const user = await enrolledUser('step-remove');
      const { step } = user;
      const first = (await connect(user, 'live', 'First')({ code: codeAt(user.secret, step) })).body.id;
      const second = (await connect(user, 'testnet', 'Second')({ recoveryCode: user.recoveryCodes[0] })).body.id;

      const remove = (id: string) => (proof: object) => call('DELETE', `/api/accounts/${id}`, user.token, proof);
      await expectStepUp(user, codeAt(user.secret, step + 1), remove(first), async () => !(await accountLabels(user)).includes('First'));
      expect((await remove(second)({ recoveryCode: user.recoveryCodes[1] })).status).toBe(204);
      expect(await accountLabels(user)).not.toContain('Second');
    });

    it('asks users without two-factor authentication for nothing more than before', async () => {
      const { token, password } = await createUser('no-second-factor');
      const created = await call('POST', '/api/accounts', token, {
        exchange: 'binance',
        mode: 'live',
        label: 'Plain',
        apiKey: API_KEY,
        secret: SECRET,
        password,
      });
      expect(created.status).toBe(201);
      expect((await call('DELETE', `/api/accounts/${created.body.id}`, token)).status).toBe(204);
      expect((await call('POST', '/api/auth/password', token, { currentPassword: password, newPassword: 'plain-new-password' })).status).toBe(200);
    });
  });

  describe('required for everyone', () => {
    it('lets a user without it sign in, but do nothing else until enrolled; administrators switch it', async () => {
      const trader = await createUser('late-enroller');
      expect((await call('PUT', '/api/auth/2fa/policy', trader.token, { required: true })).status).toBe(403);
      const switched = await call('PUT', '/api/auth/2fa/policy', admin, { required: true });
      expect([switched.status, switched.body]).toEqual([200, { required: true }]);

      const signedIn = await logIn('late-enroller', trader.password);
      expect(signedIn.status).toBe(200);
      const token = signedIn.body.access_token;
      for (const path of ['/api/portfolio', '/api/accounts', '/api/orders']) {
        const refused = await call('GET', path, token);
        expect([path, refused.status, refused.body.reason]).toEqual([path, 403, 'two_factor_enrolment_required']);
      }
      expect((await call('GET', '/api/auth/me', token)).status).toBe(200);
      expect((await call('GET', '/api/auth/2fa', token)).body).toEqual({ enabled: false, recoveryCodesLeft: 0, required: true });
      // Public routes stay public.
      expect((await call('GET', '/api/health')).status).toBe(200);

      const step = await aFreshStep();
      const { secret } = (await call('POST', '/api/auth/2fa/enrolment', token, { password: trader.password })).body;
      expect((await call('POST', '/api/auth/2fa/enrolment/confirm', token, { code: codeAt(secret, step) })).status).toBe(200);
      expect((await call('GET', '/api/portfolio', token)).status).toBe(200);

      // The administrator is held to it too, and switching it off again is a step-up.
      const users = await call('GET', '/api/users', admin);
      expect([users.status, users.body.reason]).toEqual([403, 'two_factor_enrolment_required']);
      const { secret: adminSecret } = (await call('POST', '/api/auth/2fa/enrolment', admin, { password: ADMIN.password })).body;
      expect((await call('POST', '/api/auth/2fa/enrolment/confirm', admin, { code: codeAt(adminSecret, step) })).status).toBe(200);
      expect((await call('GET', '/api/users', admin)).status).toBe(200);
      const withoutCode = await call('PUT', '/api/auth/2fa/policy', admin, { required: false });
      expect([withoutCode.status, withoutCode.body.reason]).toEqual([403, 'two_factor_required']);
      expect((await call('PUT', '/api/auth/2fa/policy', admin, { required: false, code: codeAt(adminSecret, step + 1) })).body).toEqual({ required: false });
      expect((await call('GET', '/api/auth/2fa/policy', admin)).body).toEqual({ required: false });
    });
  });
});
