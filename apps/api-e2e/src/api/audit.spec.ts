import { SimulatedMarket } from '@lilux/api/simulated-market';
import { ADMIN, BinanceTestServer, request, runToExit, RunningApi, startApi, TEST_FERNET_KEY } from '@lilux/api/testing';
import type { AuditEvent, AuditPage } from '@lilux/contracts';

const API_KEY = 'auditKeyQ1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c2V3b4N5m6Q7w8';
const SECRET = 'auditSecretM1n2B3v4C5x6Z7l8K9j0H1g2F3d4S5a6P7o8I9u0Y1t2R3e4W5q6';
const NEWER_FERNET_KEY = 'Lm0yp0k2AkX5Z4m6HqVgkQn7bCq2rM0gPpXJ9p3yXjA=';
const PASSWORDS = { alice: 'alice-password-1', bob: 'bob-password-1' };

describe('the audit log over HTTP', () => {
  const binance = new BinanceTestServer(new SimulatedMarket(1));
  let api: RunningApi;
  let admin: string;
  let alice: string;
  let bob: string;
  let aliceId: string;
  let bobId: string;
  const tokens: string[] = [];

  const signIn = async (username: string, password: string, address?: string) => {
    const answer = await request(api.baseUrl, 'POST', '/api/auth/login', {
      body: { username, password },
      headers: address ? { 'x-forwarded-for': address } : {},
    });
    if (answer.status === 200) tokens.push(answer.body.access_token);
    return answer;
  };
  const events = async (token: string, query = '') => (await request<AuditPage>(api.baseUrl, 'GET', `/api/audit?limit=500${query}`, { token })).body.events;
  const verify = async () => (await request(api.baseUrl, 'GET', '/api/audit/verify', { token: admin })).body;
  const csv = async (query = '') => request<string>(api.baseUrl, 'GET', `/api/audit?format=csv${query}`, { token: admin });
  const pick = (event: AuditEvent) => ({ action: event.action, outcome: event.outcome, actorName: event.actorName, address: event.address });

  beforeAll(async () => {
    binance.addAccount(API_KEY, SECRET, { USDT: '10' });
    api = await startApi({ TRUST_PROXY: 'true', LOGIN_RATE_LIMIT_PER_MINUTE: '3', BINANCE_TESTNET_URL: await binance.start() });
    admin = (await signIn(ADMIN.username, ADMIN.password)).body.access_token;
    for (const [username, password] of Object.entries(PASSWORDS)) {
      await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username, password } });
    }
    alice = (await signIn('alice', PASSWORDS.alice, '203.0.113.7')).body.access_token;
    bob = (await signIn('bob', PASSWORDS.bob)).body.access_token;
    aliceId = (await request(api.baseUrl, 'GET', '/api/auth/me', { token: alice })).body.id;
    bobId = (await request(api.baseUrl, 'GET', '/api/auth/me', { token: bob })).body.id;
  });

  afterAll(async () => {
    await api.stop();
    await binance.stop();
  });

  it('records logins that worked, failed and were throttled, with the client address', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('alice', 'not-her-password', '198.51.100.4')).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await signIn('alice', 'not-her-password', '198.51.100.4')).status).toBe(429);
    expect((await signIn('nobody-here', 'whatever-password', '198.51.100.5')).status).toBe(401);
    // A password typed into the username field is not kept.
    expect((await signIn('my secret password!', 'whatever', '198.51.100.6')).status).toBe(401);

    const logins = (await events(admin, '&action=auth.login')).reverse();
    expect(logins.map(pick)).toEqual([
      { action: 'auth.login', outcome: 'ok', actorName: 'admin', address: '127.0.0.1' },
      { action: 'auth.login', outcome: 'ok', actorName: 'alice', address: '203.0.113.7' },
      { action: 'auth.login', outcome: 'ok', actorName: 'bob', address: '127.0.0.1' },
      ...Array(3).fill({ action: 'auth.login', outcome: 'failed', actorName: 'alice', address: '198.51.100.4' }),
      // One event per address and username a minute, however many attempts the limit refuses.
      { action: 'auth.login', outcome: 'throttled', actorName: 'alice', address: '198.51.100.4' },
      { action: 'auth.login', outcome: 'failed', actorName: 'nobody-here', address: '198.51.100.5' },
      { action: 'auth.login', outcome: 'failed', actorName: null, address: '198.51.100.6' },
    ]);
    // The refused attempts on alice's account are hers to see; the unknown name belongs to nobody.
    expect(logins.filter((event) => event.actorId === aliceId)).toHaveLength(5);
    expect(logins.find((event) => event.actorName === 'nobody-here')?.actorId).toBeNull();
  });

  it('records orders placed, refused and rejected by the exchange, and canceled', async () => {
    const placed = await request(api.baseUrl, 'POST', '/api/orders', { token: alice, body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.01' } });
    expect(placed.status).toBe(201);
    const refused = await request(api.baseUrl, 'POST', '/api/orders', { token: alice, body: { symbol: 'BTC/USDT', side: 'buy', qty: '-1' } });
    expect(refused.status).toBe(400);
    const last = Number((await request(api.baseUrl, 'GET', '/api/ticker?symbol=BTC/USDT', { token: alice })).body.last);
    const resting = await request(api.baseUrl, 'POST', '/api/orders', {
      token: alice,
      body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', price: (last * 0.5).toFixed(2) },
    });
    expect((await request(api.baseUrl, 'DELETE', `/api/orders/${resting.body.id}`, { token: alice })).status).toBe(200);
    const account = await request(api.baseUrl, 'POST', '/api/accounts', {
      token: alice,
      body: { exchange: 'binance', mode: 'testnet', label: 'Poor testnet', apiKey: API_KEY, secret: SECRET, password: PASSWORDS.alice },
    });
    const rejected = await request(api.baseUrl, 'POST', '/api/orders', {
      token: alice,
      body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', accountId: account.body.id },
    });
    expect(rejected.status).toBe(400);

    // Orders are answered before their events are written (in the next group): on PostgreSQL a read may come first.
    const orderEvents = async () => (await events(alice)).filter((event) => event.action.startsWith('order.')).reverse();
    const deadline = Date.now() + 5000;
    while ((await orderEvents()).length < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const orders = await orderEvents();
    expect(orders.map((event) => [event.action, event.outcome, event.subjectId])).toEqual([
      ['order.place', 'ok', placed.body.id],
      ['order.place', 'failed', null],
      ['order.place', 'ok', resting.body.id],
      ['order.cancel', 'ok', resting.body.id],
      ['order.place', 'failed', null],
    ]);
    expect(orders[0].details).toMatchObject({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01', status: 'filled' });
    expect(orders[1].details).toMatchObject({ httpStatus: 400, fields: 'qty', qty: '-1' });
    expect(orders[3].details).toMatchObject({ status: 'canceled' });
    expect(orders[4].details).toMatchObject({ accountId: account.body.id, httpStatus: 400, reason: expect.stringContaining('insufficient balance') });
    expect(orders.every((event) => event.actorId === aliceId && event.address === '127.0.0.1')).toBe(true);
  });

  it('records exchange keys added, checked and removed, and a paper reset, and never keeps a secret', async () => {
    const wrongPassword = await request(api.baseUrl, 'POST', '/api/keys', {
      token: bob,
      body: { exchange: 'binance', mode: 'testnet', label: 'Mine', apiKey: API_KEY, secret: SECRET, password: 'not-bobs-password' },
    });
    expect(wrongPassword.status).toBe(400);
    const added = await request(api.baseUrl, 'POST', '/api/keys', {
      token: bob,
      body: { exchange: 'binance', mode: 'testnet', label: '=HYPERLINK("http://evil.example")', apiKey: API_KEY, secret: SECRET, password: PASSWORDS.bob },
    });
    expect((await request(api.baseUrl, 'POST', `/api/accounts/${added.body.id}/check`, { token: bob })).status).toBe(200);
    expect((await request(api.baseUrl, 'DELETE', `/api/accounts/${added.body.id}`, { token: bob })).status).toBe(204);
    expect((await request(api.baseUrl, 'POST', '/api/accounts/paper/reset', { token: bob })).status).toBe(201);

    const own = (await events(bob)).reverse();
    expect(own.map((event) => [event.action, event.outcome])).toEqual([
      ['user.create', 'ok'],
      ['auth.login', 'ok'],
      ['exchange-account.add', 'failed'],
      ['exchange-account.add', 'ok'],
      ['exchange-account.check', 'ok'],
      ['exchange-account.remove', 'ok'],
      ['paper.reset', 'ok'],
    ]);
    expect(own[0]).toMatchObject({ actorName: 'admin', subjectType: 'user', subjectId: bobId, details: { username: 'bob', role: 'trader' } });
    expect(own[3]).toMatchObject({ subjectType: 'account', subjectId: added.body.id, details: { exchange: 'binance', mode: 'testnet' } });

    const everything = (await csv()).body;
    const stored = await api.database.query('SELECT * FROM audit_events');
    for (const secret of [API_KEY, SECRET, ...Object.values(PASSWORDS), ADMIN.password, 'not-her-password', 'not-bobs-password', ...tokens]) {
      expect({ secret, found: everything.includes(secret) || JSON.stringify(stored).includes(secret) }).toEqual({ secret, found: false });
    }
    expect(await api.database.contents()).not.toContain(SECRET);
  });

  it('records logouts and password changes, refused or not', async () => {
    const carol = await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'carol', password: 'carol-password-1' } });
    const token = (await signIn('carol', 'carol-password-1')).body.access_token;
    const change = (currentPassword: string) =>
      request(api.baseUrl, 'POST', '/api/auth/password', { token, body: { currentPassword, newPassword: 'carol-password-2' } });
    expect((await change('wrong-password-1')).status).toBe(400);
    const changed = await change('carol-password-1');
    expect(changed.status).toBe(200);
    expect((await request(api.baseUrl, 'POST', '/api/auth/logout', { token: changed.body.access_token })).status).toBe(204);

    const own = (await events(admin, `&userId=${carol.body.id}`)).reverse();
    expect(own.map((event) => [event.action, event.outcome])).toEqual([
      ['user.create', 'ok'],
      ['auth.login', 'ok'],
      ['auth.password.change', 'failed'],
      ['auth.password.change', 'ok'],
      ['auth.logout', 'ok'],
    ]);
  });

  it("shows users only their own events; other users' events, the export and the check are for administrators", async () => {
    const isAbout = (id: string) => (event: AuditEvent) => event.actorId === id || (event.subjectType === 'user' && event.subjectId === id);
    const bobs = await events(bob);
    expect(bobs.length).toBeGreaterThan(5);
    expect(bobs.every(isAbout(bobId))).toBe(true);
    const alices = await events(alice);
    expect(alices.every(isAbout(aliceId))).toBe(true);
    expect(alices.filter((event) => event.outcome === 'throttled')).toHaveLength(1);
    expect((await events(admin)).filter((event) => !isAbout(aliceId)(event) && !isAbout(bobId)(event)).length).toBeGreaterThan(5);

    const someoneElses = await request(api.baseUrl, 'GET', `/api/audit?userId=${aliceId}`, { token: bob });
    expect([someoneElses.status, Object.keys(someoneElses.body.fields)]).toEqual([403, ['userId']]);
    expect((await request(api.baseUrl, 'GET', '/api/audit?format=csv', { token: bob })).status).toBe(403);
    expect((await request(api.baseUrl, 'GET', '/api/audit/verify', { token: bob })).status).toBe(403);
    expect((await request(api.baseUrl, 'GET', '/api/audit?outcome=maybe', { token: admin })).body.fields).toEqual({ outcome: expect.any(String) });
  });

  it('exports CSV that a spreadsheet cannot run, oldest first, with filters', async () => {
    const answer = await csv('&action=exchange-account.add&outcome=ok');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="lilux-audit.csv"');
    const lines = answer.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actorId,actorName,action,outcome,address,subjectType,subjectId,details,prevHash,hash');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',alice,exchange-account.add,ok,');
    expect(lines[2]).toContain('""label"":""=HYPERLINK(\\""http://evil.example\\"")""');
    expect(lines.slice(1).every((line) => !/(^|,)[=+\-@]/.test(line))).toBe(true);
  });

  it('keeps the log across a restart, and records a key rotation run beside the server', async () => {
    const before = await verify();
    expect(before).toMatchObject({ ok: true, anchorId: 0 });
    expect(before.checked).toBe(before.lastId);

    await api.restart();
    expect(await verify()).toMatchObject({ ok: true, checked: before.lastId, lastHash: before.lastHash });

    const rotation = runToExit('rotate-keys.js', { FERNET_KEYS: `${NEWER_FERNET_KEY},${TEST_FERNET_KEY}`, FERNET_KEY: undefined }, api);
    expect(rotation.status).toBe(0);
    const [rotated] = await events(admin, '&action=keys.rotate');
    expect(rotated).toMatchObject({ outcome: 'ok', subjectType: 'server', details: { reencrypted: 2, stores: 3 } });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('detects a row edited or deleted in the database', async () => {
    const { lastId } = await verify();
    const [{ actor_name: name }] = await api.database.query('SELECT actor_name FROM audit_events WHERE id = 5');
    await api.database.query("UPDATE audit_events SET actor_name = 'mallory' WHERE id = 5");
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: 5, problem: 'was changed after it was written' });
    await api.database.query(`UPDATE audit_events SET actor_name = '${name}' WHERE id = 5`);
    expect(await verify()).toMatchObject({ ok: true });

    await api.database.query('DELETE FROM audit_events WHERE id = 7');
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: 7, problem: 'rows 7 to 7 are missing' });
    await api.database.query(`DELETE FROM audit_events WHERE id = ${lastId}`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: 7 });
  });
});
