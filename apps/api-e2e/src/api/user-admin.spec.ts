import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';

const BAD_CREDENTIALS = { statusCode: 401, error: 'Unauthorized', message: 'invalid username or password' };

describe('administering users: role, disable, end sessions, delete', () => {
  let api: RunningApi;
  let admin: string;

  const passwordOf = (username: string) => `${username}-password-1`;
  const createUser = async (username: string, role?: string, by = admin) => {
    const created = await request(api.baseUrl, 'POST', '/api/users', { token: by, body: { username, password: passwordOf(username), role } });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, token: await login(api.baseUrl, username, passwordOf(username)) };
  };
  const me = (token: string) => request(api.baseUrl, 'GET', '/api/auth/me', { token });
  const patch = (id: string, body: unknown, token = admin) => request(api.baseUrl, 'PATCH', `/api/users/${id}`, { token, body });
  const endSessions = (id: string, token = admin) => request(api.baseUrl, 'POST', `/api/users/${id}/sessions/end`, { token });
  const remove = (id: string, token = admin) => request(api.baseUrl, 'DELETE', `/api/users/${id}`, { token });
  const attemptLogin = (username: string, password = passwordOf(username)) => request(api.baseUrl, 'POST', '/api/auth/login', { body: { username, password } });
  const listed = async (token = admin) =>
    (await request(api.baseUrl, 'GET', '/api/users', { token })).body as { id: string; role: string; disabled: boolean }[];

  beforeAll(async () => {
    api = await startApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(() => api.stop());

  describe('changing a role', () => {
    it('applies the new role, refuses the tokens issued before, and the user signs in again with it', async () => {
      const user = await createUser('promoted');
      const changed = await patch(user.id, { role: 'viewer' });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ id: user.id, username: 'promoted', role: 'viewer', disabled: false });
      expect(changed.body).not.toHaveProperty('passwordHash');

      expect((await me(user.token)).status).toBe(401);
      const again = await login(api.baseUrl, 'promoted', passwordOf('promoted'));
      expect((await me(again)).body).toMatchObject({ role: 'viewer' });
      expect((await listed()).find((listedUser) => listedUser.id === user.id)).toMatchObject({ role: 'viewer', disabled: false });
    });

    it('refuses bad input with the field named, changing nothing', async () => {
      const user = await createUser('unchanged');
      for (const [body, field] of [
        [{ role: 'owner' }, 'role'],
        [{ disabled: 'yes' }, 'disabled'],
        [{ disabled: null }, 'disabled'],
        [{ role: 'viewer', tokenVersion: 0 }, 'tokenVersion'],
      ] as const) {
        const answer = await patch(user.id, body);
        expect([answer.status, Object.keys(answer.body.fields ?? {})]).toEqual([400, [field]]);
      }
      const empty = await patch(user.id, {});
      expect(empty.status).toBe(400);
      expect(empty.body.message).toBe('nothing to change: give role or disabled');
      expect((await me(user.token)).body).toMatchObject({ role: 'trader' });
    });

    it('answers 404 for a user that does not exist', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-user-id']) {
        for (const answer of [await patch(id, { role: 'viewer' }), await endSessions(id), await remove(id)]) {
          expect([answer.status, answer.body.message]).toEqual([404, 'user not found']);
        }
      }
    });

    it('answers 403 to a trader on every administrator route, changing nothing', async () => {
      const trader = await createUser('not-an-admin');
      const target = await createUser('target');
      expect((await patch(trader.id, { role: 'admin' }, trader.token)).status).toBe(403);
      expect((await patch(target.id, { disabled: true }, trader.token)).status).toBe(403);
      expect((await endSessions(target.id, trader.token)).status).toBe(403);
      expect((await remove(target.id, trader.token)).status).toBe(403);
      expect((await me(trader.token)).body).toMatchObject({ role: 'trader' });
      expect((await me(target.token)).status).toBe(200);
    });
  });

  describe('disabling', () => {
    it('refuses the tokens at once and the login with the answer of a wrong password, until enabled again', async () => {
      const user = await createUser('paused');
      const disabled = await patch(user.id, { disabled: true });
      expect([disabled.status, disabled.body.disabled]).toEqual([200, true]);

      expect((await me(user.token)).status).toBe(401);
      const refused = await attemptLogin('paused');
      expect([refused.status, refused.body]).toEqual([401, BAD_CREDENTIALS]);
      expect((await attemptLogin('no-such-user')).body).toEqual(refused.body);
      expect((await listed()).find((listedUser) => listedUser.id === user.id)).toMatchObject({ disabled: true });

      const enabled = await patch(user.id, { disabled: false });
      expect([enabled.status, enabled.body.disabled]).toEqual([200, false]);
      expect((await me(user.token)).status).toBe(401);
      expect((await me(await login(api.baseUrl, 'paused', passwordOf('paused')))).status).toBe(200);
    });
  });

  describe('ending sessions', () => {
    it('refuses every token the user had, and lets them sign in again', async () => {
      const user = await createUser('signed-out');
      const second = await login(api.baseUrl, 'signed-out', passwordOf('signed-out'));
      expect((await endSessions(user.id)).status).toBe(204);
      expect((await me(user.token)).status).toBe(401);
      expect((await me(second)).status).toBe(401);
      expect((await me(admin)).status).toBe(200);
      expect((await me(await login(api.baseUrl, 'signed-out', passwordOf('signed-out')))).status).toBe(200);
    });
  });

  describe('deleting', () => {
    const lastPrice = async (token: string) => Number((await request(api.baseUrl, 'GET', '/api/ticker?symbol=BTC/USDT', { token })).body.last);

    it('refuses to delete a user who is not disabled first', async () => {
      const user = await createUser('still-active');
      const refused = await remove(user.id);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe('disable the user before deleting them');
      expect((await me(user.token)).status).toBe(200);
    });

    it('refuses while the user has open orders or a connected exchange account, then keeps their history', async () => {
      const user = await createUser('leaving');
      const resting = await request(api.baseUrl, 'POST', '/api/orders', {
        token: user.token,
        body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', price: ((await lastPrice(user.token)) * 0.5).toFixed(2) },
      });
      expect(resting.status).toBe(201);
      const exchangeAccount = await request(api.baseUrl, 'POST', '/api/accounts', {
        token: user.token,
        body: { exchange: 'binance', mode: 'testnet', label: 'Testnet', apiKey: 'k'.repeat(64), secret: 's'.repeat(64), password: passwordOf('leaving') },
      });
      expect(exchangeAccount.status).toBe(201);
      expect((await patch(user.id, { disabled: true })).status).toBe(200);

      const refused = await remove(user.id);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe('the user still has 1 open order and 1 connected exchange account: these must be canceled or disconnected first');

      // The user winds down their own trading; the administrator then deletes them.
      expect((await patch(user.id, { disabled: false })).status).toBe(200);
      const token = await login(api.baseUrl, 'leaving', passwordOf('leaving'));
      expect((await request(api.baseUrl, 'DELETE', `/api/orders/${resting.body.id}`, { token })).status).toBe(200);
      expect((await request(api.baseUrl, 'DELETE', `/api/accounts/${exchangeAccount.body.id}`, { token })).status).toBe(204);
      expect((await patch(user.id, { disabled: true })).status).toBe(200);
      expect((await remove(user.id)).status).toBe(204);

      expect((await listed()).some((listedUser) => listedUser.id === user.id)).toBe(false);
      expect((await me(token)).status).toBe(401);
      expect((await attemptLogin('leaving')).body).toEqual(BAD_CREDENTIALS);
      expect((await patch(user.id, { disabled: false })).status).toBe(404);
      // The ledger is kept: the canceled order is still in the database, and the name stays taken by its history.
      expect(await api.database.contents()).toContain(resting.body.id);
      const reused = await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'Leaving', password: 'another-password-1' } });
      expect(reused.status).toBe(409);
    });
  });

  describe('the last active administrator', () => {
    const activeAdmins = async (token: string) => (await listed(token)).filter((user) => user.role === 'admin' && !user.disabled);
    const rootId = async () => (await me(admin)).body.id as string;

    it('can be neither demoted, disabled nor deleted, by themselves or anyone', async () => {
      expect(await activeAdmins(admin)).toHaveLength(1);
      const id = await rootId();
      for (const answer of [await patch(id, { role: 'trader' }), await patch(id, { role: 'viewer' }), await patch(id, { disabled: true }), await remove(id)]) {
        expect(answer.status).toBe(409);
        expect(answer.body.message).toBe('at least one active administrator must remain');
      }
      expect((await me(admin)).body).toMatchObject({ role: 'admin' });
    });

    it('does not count disabled administrators, and lets one go once another is active', async () => {
      const second = await createUser('second-admin', 'admin');
      expect((await patch(second.id, { disabled: true })).status).toBe(200);
      expect((await patch(await rootId(), { disabled: true })).status).toBe(409);

      expect((await patch(second.id, { disabled: false })).status).toBe(200);
      const secondToken = await login(api.baseUrl, 'second-admin', passwordOf('second-admin'));
      expect((await patch(second.id, { role: 'trader' }, secondToken)).status).toBe(200);
      expect((await me(secondToken)).status).toBe(401);
      expect(await activeAdmins(admin)).toHaveLength(1);
    });

    it('survives two administrators removing each other at the same moment', async () => {
      // Each pair of changes removes both administrators if both go through: one of them must be refused.
      type Move = (self: string, other: string) => { id: string; body: object };
      const disableOther: Move = (_self, other) => ({ id: other, body: { disabled: true } });
      const demoteOther: Move = (_self, other) => ({ id: other, body: { role: 'trader' } });
      const makeOtherViewer: Move = (_self, other) => ({ id: other, body: { role: 'viewer' } });
      const demoteSelf: Move = (self) => ({ id: self, body: { role: 'trader' } });
      const disableSelf: Move = (self) => ({ id: self, body: { disabled: true } });
      const rounds: [Move, Move][] = [
        [disableOther, disableOther],
        [demoteOther, makeOtherViewer],
        [demoteSelf, disableSelf],
        [disableOther, demoteOther],
      ];
      let survivor = { id: await rootId(), token: admin };
      for (let round = 0; round < 8; round++) {
        const newcomer = await createUser(`racer-${round}`, 'admin', survivor.token);
        const [survivorMove, newcomerMove] = rounds[round % rounds.length];
        const pair = [
          { actor: survivor, change: survivorMove(survivor.id, newcomer.id) },
          { actor: newcomer, change: newcomerMove(newcomer.id, survivor.id) },
        ];
        const answers = await Promise.all(pair.map(({ actor, change }) => patch(change.id, change.body, actor.token)));
        // The loser is refused either by the last-admin lock (409) or, when the winner's change committed first, because
        // its own token no longer stands for an administrator (401): never both through.
        const [won, lost] = answers.map((answer) => answer.status).sort();
        expect(won).toBe(200);
        expect([401, 409]).toContain(lost);

        const stillAdmin = [];
        for (const candidate of [survivor, newcomer]) if ((await me(candidate.token)).body?.role === 'admin') stillAdmin.push(candidate);
        expect(stillAdmin).toHaveLength(1);
        survivor = stillAdmin[0];
        expect(await activeAdmins(survivor.token)).toEqual([expect.objectContaining({ id: survivor.id })]);
      }
    });
  });
});
