import { ADMIN, login, request, RunningApi, startApi } from '@lilux/api/testing';

/** Each is 8 to 72 bytes, so only the new rules refuse them. */
const WEAK_PASSWORDS: [string, string][] = [
  ['password', 'is one of the most common passwords: choose one that is hard to guess'],
  ['12345678', 'is one of the most common passwords: choose one that is hard to guess'],
  ['PassWord123', 'is one of the most common passwords: choose one that is hard to guess'],
  [' '.repeat(8), 'must not be only spaces or invisible characters'],
  ['\u2003\u200b'.repeat(3), 'must not be only spaces or invisible characters'],
];

describe('password rules', () => {
  let api: RunningApi;
  let admin: string;

  beforeAll(async () => {
    api = await startApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
  });

  afterAll(() => api.stop());

  const usernames = async (): Promise<string[]> =>
    (await request(api.baseUrl, 'GET', '/api/users', { token: admin })).body.map((user: { username: string }) => user.username);

  it.each(WEAK_PASSWORDS)('refuses to create a user with the password %j, naming the field', async (password, problem) => {
    const answer = await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'weakling', password } });
    expect([answer.status, answer.body.fields]).toEqual([400, { password: problem }]);
    expect(await usernames()).not.toContain('weakling');
  });

  describe('changing a password', () => {
    const current = 'steady-current-passphrase';
    let token: string;

    beforeAll(async () => {
      expect((await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username: 'changer', password: current } })).status).toBe(201);
      token = await login(api.baseUrl, 'changer', current);
    });

    const change = (newPassword: string) => request(api.baseUrl, 'POST', '/api/auth/password', { token, body: { currentPassword: current, newPassword } });

    it.each(WEAK_PASSWORDS)('refuses the new password %j, naming the field and changing nothing', async (newPassword, problem) => {
      const answer = await change(newPassword);
      expect([answer.status, answer.body.fields]).toEqual([400, { newPassword: problem }]);
      expect((await request(api.baseUrl, 'GET', '/api/auth/me', { token })).status).toBe(200);
    });

    it('refuses the current password as the new one', async () => {
      const answer = await change(current);
      expect([answer.status, answer.body.fields]).toEqual([400, { newPassword: 'must differ from your current password' }]);
      expect((await request(api.baseUrl, 'GET', '/api/auth/me', { token })).status).toBe(200);
    });

    it('accepts a password that is hard to guess', async () => {
      expect((await change('a-fresh-and-unusual-passphrase')).status).toBe(200);
      await expect(login(api.baseUrl, 'changer', 'a-fresh-and-unusual-passphrase')).resolves.toEqual(expect.any(String));
    });
  });
});
