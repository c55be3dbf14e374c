import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';
import { ownRedis } from '../support/own-redis';

/**
 * Two API processes appending to one audit log on one PostgreSQL database at the same moments: the chain head's
 * row lock must keep the chain one line, with no id twice, none skipped, and every row linked to the one before.
 */
describe('the audit chain written by two instances at once', () => {
  let a: RunningApi;
  let b: RunningApi;
  let admin: string;

  const settings = {
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '100000',
    // 20 wrong passwords at once on each instance: more than the default queue of password checks lets wait.
    PASSWORD_HASH_QUEUE_LIMIT: '64',
    ...ownRedis(),
  };
  const instances = () => [a, b];

  beforeAll(async () => {
    a = await startApi(settings);
    b = await startApi(settings, { database: a.database });
    admin = await login(a.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  it('keeps one linear chain of every event, whichever instance recorded it', async () => {
    const traders = await Promise.all(
      ['chain1', 'chain2', 'chain3', 'chain4'].map(async (username) => {
        const password = `${username}-password-1`;
        expect((await request(a.baseUrl, 'POST', '/api/users', { token: admin, body: { username, password } })).status).toBe(201);
        return login(b.baseUrl, username, password);
      }),
    );
    const orders = Array.from({ length: 160 }, (_, i) =>
      request(instances()[i % 2].baseUrl, 'POST', '/api/orders', { token: traders[i % 4], body: { symbol: 'BTC/USDT', side: 'buy', qty: '0.0001' } }),
    );
    const refusedLogins = Array.from({ length: 40 }, (_, i) =>
      request(instances()[i % 2].baseUrl, 'POST', '/api/auth/login', { body: { username: `chain${(i % 4) + 1}`, password: 'not-the-password' } }),
    );
    const answers = await Promise.all([...orders, ...refusedLogins]);
    expect(answers.slice(0, 160).every((answer) => answer.status === 201)).toBe(true);
    expect(answers.slice(160).map((answer) => answer.status)).toEqual(Array(40).fill(401));

    // Orders are answered before their events are written: wait for all 160.
    const placed = async () => Number((await a.database.query("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'order.place'"))[0].n);
    const deadline = Date.now() + 10_000;
    while ((await placed()) < 160 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await placed()).toBe(160);

    const rows = (await a.database.query('SELECT id, prev_hash, hash FROM audit_events ORDER BY id')) as { id: string; prev_hash: string; hash: string }[];
    expect(rows.map((row) => Number(row.id))).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    for (const api of instances()) {
      const verification = (await request(api.baseUrl, 'GET', '/api/audit/verify', { token: admin })).body;
      expect(verification).toMatchObject({ ok: true, checked: rows.length, lastId: rows.length, lastHash: rows[rows.length - 1].hash });
    }
  });
});
