import { Global, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Clock, ClusterModule, DatabaseModule, ManualClock } from '@lilux/api/shared';
import { isolatedConfig } from '@lilux/api/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { USERS_MIGRATIONS } from './migrations';
import { UsersModule } from './users.module';
import { RECHECK_WINDOW_MS } from './password-recheck';
import { UserHoldings } from './user-holdings';
import {
  LastAdminError,
  NothingToChangeError,
  TooManyWrongPasswordsError,
  UnchangedPasswordError,
  UsernameTakenError,
  UserNotDisabledError,
  UserNotFoundError,
  UserStillHoldsError,
  WrongPasswordError,
} from './users.errors';
import { UsersService } from './users.service';

const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));

@Global()
@Module({ providers: [{ provide: Clock, useValue: clock }], exports: [Clock] })
class TestClockModule {}

describe('UsersService (real SQLite file, real bcrypt)', () => {
  let directory: string;
  let app: TestingModule;
  let users: UsersService;

  beforeAll(async () => {
    // What Nx does with the `.env` that `npm start` writes: it is in every task's environment. The test
    // module must not see it.
    process.env['ADMIN_PASSWORD'] = 'written-by-npm-start';
    process.env['DATABASE_URL'] = 'sqlite:data/lilux.db';
    directory = mkdtempSync(join(tmpdir(), 'lilux-users-'));
    app = await Test.createTestingModule({
      imports: [
        isolatedConfig({ DATABASE_URL: `sqlite:${join(directory, 'test.db')}`, ADMIN_USER: 'root', PASSWORD_HASH_QUEUE_LIMIT: 16 }),
        TestClockModule,
        ClusterModule,
        DatabaseModule.forRoot(USERS_MIGRATIONS),
        UsersModule,
      ],
    }).compile();
    await app.init();
    users = app.get(UsersService);
  });

  afterAll(async () => {
    delete process.env['ADMIN_PASSWORD'];
    delete process.env['DATABASE_URL'];
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('creates the schema by migration, in WAL mode with foreign keys on', async () => {
    const database = app.get(DataSource);
    expect(database.options.database).toBe(join(directory, 'test.db'));
    expect(await database.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await database.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await database.query('SELECT name FROM migrations ORDER BY id')).toEqual([
      { name: 'CreateUsers1732406400000' },
      { name: 'CreateLeases1764500000000' },
      { name: 'AddUserStatus1764700000000' },
    ]);
  });

  it('stores a bcrypt hash of cost 12, never the password', async () => {
    const user = await users.create({ username: 'Hasher', password: 'plain-password-1' });
    const [row] = await app.get(DataSource).query('SELECT password_hash FROM users WHERE id = ?', [user.id]);
    expect(row.password_hash).toMatch(/^\$2b\$12\$/);
    expect(JSON.stringify(row)).not.toContain('plain-password-1');
  });

  it('creates traders by default and refuses a username differing only in case', async () => {
    const alice = await users.create({ username: 'Alice', password: 'password-alice' });
    expect(alice).toMatchObject({ username: 'Alice', role: 'trader' });
    await expect(users.create({ username: 'ALICE', password: 'password-other' })).rejects.toThrow(UsernameTakenError);
  });

  it('verifies credentials case-insensitively on the username only', async () => {
    await users.create({ username: 'Bob', password: 'password-bob' });
    expect(await users.verifyCredentials('bob', 'password-bob')).toMatchObject({ username: 'Bob' });
    expect(await users.verifyCredentials('bob', 'PASSWORD-BOB')).toBeNull();
    expect(await users.verifyCredentials('nobody', 'password-bob')).toBeNull();
  });

  it('changes a password only given the current one, and raises the token version', async () => {
    const carol = await users.create({ username: 'carol', password: 'password-carol' });
    await expect(users.changePassword(carol.id, 'wrong-password', 'new-password-1')).rejects.toThrow(WrongPasswordError);

    const identity = await users.changePassword(carol.id, 'password-carol', 'new-password-1');
    expect(identity.tokenVersion).toBe(1);
    expect(await users.verifyCredentials('carol', 'password-carol')).toBeNull();
    expect(await users.verifyCredentials('carol', 'new-password-1')).not.toBeNull();
  });

  it('refuses a new password equal to the current one, before checking it', async () => {
    const duncan = await users.create({ username: 'duncan', password: 'password-duncan' });
    await expect(users.changePassword(duncan.id, 'password-duncan', 'password-duncan')).rejects.toThrow(UnchangedPasswordError);
    await expect(users.changePassword(duncan.id, 'wrong-password', 'wrong-password')).rejects.toThrow(UnchangedPasswordError);
    expect(await users.verifyCredentials('duncan', 'password-duncan')).toMatchObject({ tokenVersion: 0 });
  });

  it('refuses every password re-check of a user after 5 wrong ones in 15 minutes, until the window ends', async () => {
    const edith = await users.create({ username: 'edith', password: 'password-edith' });
    for (let i = 0; i < 5; i++) expect(await users.confirmPassword(edith.id, `guess-${i}`)).toBe(false);
    await expect(users.confirmPassword(edith.id, 'guess-5')).rejects.toThrow(TooManyWrongPasswordsError);
    await expect(users.confirmPassword(edith.id, 'password-edith')).rejects.toMatchObject({ status: 429, retryAfterSeconds: RECHECK_WINDOW_MS / 1000 });
    await expect(users.changePassword(edith.id, 'password-edith', 'new-password-edith')).rejects.toThrow(TooManyWrongPasswordsError);

    clock.advance(RECHECK_WINDOW_MS - 1000);
    await expect(users.confirmPassword(edith.id, 'password-edith')).rejects.toMatchObject({ retryAfterSeconds: 1 });
    clock.advance(1000);
    expect(await users.confirmPassword(edith.id, 'password-edith')).toBe(true);
  });

  it('counts only wrong passwords against the re-check limit', async () => {
    const fiona = await users.create({ username: 'fiona', password: 'password-fiona' });
    for (let i = 0; i < 4; i++) expect(await users.confirmPassword(fiona.id, `guess-${i}`)).toBe(false);
    for (let i = 0; i < 2; i++) expect(await users.confirmPassword(fiona.id, 'password-fiona')).toBe(true);
    expect(await users.confirmPassword(fiona.id, 'guess-4')).toBe(false);
    await expect(users.confirmPassword(fiona.id, 'password-fiona')).rejects.toThrow(TooManyWrongPasswordsError);
  });

  it('creates the administrator once and never overwrites its password', async () => {
    expect(await users.ensureAdmin('Root', 'first-password')).toBe('created');
    expect(await users.ensureAdmin('root', 'second-password')).toBe('exists');
    expect(await users.verifyCredentials('root', 'first-password')).toMatchObject({ role: 'admin' });
    expect(await users.verifyCredentials('root', 'second-password')).toBeNull();
  });

  it('lists users without their password hashes', async () => {
    const listed = await users.list();
    expect(listed.map((user) => user.username)).toEqual(expect.arrayContaining(['Alice', 'Bob', 'carol', 'duncan', 'Root']));
    expect(JSON.stringify(listed)).not.toContain('$2b$');
  });

  describe('administration', () => {
    /** What the test says each user still has running, as the orders module would. */
    const stillRunning = new Map<string, string[]>();

    beforeAll(() => {
      app.get(UserHoldings).register(async (_manager, userId) => stillRunning.get(userId) ?? []);
    });

    const adminsLeft = async () => (await users.list()).filter((user) => user.role === 'admin' && !user.disabled).map((user) => user.username);

    it('changes a role and raises the token version, and refuses an empty change', async () => {
      const dave = await users.create({ username: 'dave', password: 'password-dave' });
      expect(await users.update(dave.id, { role: 'viewer' })).toMatchObject({ role: 'viewer', disabled: false });
      expect(await users.findIdentity(dave.id)).toMatchObject({ role: 'viewer', tokenVersion: 1 });
      await expect(users.update(dave.id, {})).rejects.toThrow(NothingToChangeError);
    });

    it('leaves the token version alone when nothing actually changes', async () => {
      const erin = await users.create({ username: 'erin', password: 'password-erin' });
      await users.update(erin.id, { role: 'trader', disabled: false });
      expect(await users.findIdentity(erin.id)).toMatchObject({ tokenVersion: 0 });
    });

    it('treats a disabled user as unknown to sign-in and to tokens, until enabled', async () => {
      const frank = await users.create({ username: 'frank', password: 'password-frank' });
      expect(await users.update(frank.id, { disabled: true })).toMatchObject({ disabled: true });
      expect(await users.verifyCredentials('frank', 'password-frank')).toBeNull();
      expect(await users.findIdentity(frank.id)).toBeNull();

      await users.update(frank.id, { disabled: false });
      expect(await users.verifyCredentials('frank', 'password-frank')).toMatchObject({ username: 'frank', tokenVersion: 2 });
    });

    it('ends sessions by raising the token version', async () => {
      const gina = await users.create({ username: 'gina', password: 'password-gina' });
      await users.endSessions(gina.id);
      await users.endSessions(gina.id);
      expect(await users.findIdentity(gina.id)).toMatchObject({ tokenVersion: 2 });
      await expect(users.endSessions('00000000-0000-4000-8000-000000000000')).rejects.toThrow(UserNotFoundError);
    });

    it('keeps a disabling made while the user was changing their password', async () => {
      const hank = await users.create({ username: 'hank', password: 'password-hank' });
      // The password change spends ~500 ms in bcrypt; the administrator's change lands in the middle.
      const changing = users.changePassword(hank.id, 'password-hank', 'new-password-hank');
      await users.update(hank.id, { disabled: true });
      await changing;
      expect((await users.get(hank.id)).disabled).toBe(true);
      expect(await users.findIdentity(hank.id)).toBeNull();
    });

    it('deletes only a disabled user with nothing running, keeps the row and the name', async () => {
      const ivy = await users.create({ username: 'ivy', password: 'password-ivy' });
      await expect(users.delete(ivy.id)).rejects.toThrow(UserNotDisabledError);
      await users.update(ivy.id, { disabled: true });
      stillRunning.set(ivy.id, ['2 open orders']);
      await expect(users.delete(ivy.id)).rejects.toThrow('the user still has 2 open orders: these must be canceled or disconnected first');
      await expect(users.delete(ivy.id)).rejects.toThrow(UserStillHoldsError);

      stillRunning.delete(ivy.id);
      await users.delete(ivy.id);
      expect((await users.list()).map((user) => user.username)).not.toContain('ivy');
      await expect(users.update(ivy.id, { disabled: false })).rejects.toThrow(UserNotFoundError);
      await expect(users.create({ username: 'IVY', password: 'password-other' })).rejects.toThrow(UsernameTakenError);
      expect(await app.get(DataSource).query('SELECT username FROM users WHERE id = ?', [ivy.id])).toEqual([{ username: 'ivy' }]);
    });

    it('never lets the last active administrator go, by any of the three ways', async () => {
      expect(await adminsLeft()).toEqual(['Root']);
      const root = (await users.list()).find((user) => user.username === 'Root');
      if (!root) throw new Error('the administrator is missing');
      for (const attempt of [() => users.update(root.id, { role: 'trader' }), () => users.update(root.id, { disabled: true }), () => users.delete(root.id)]) {
        await expect(attempt()).rejects.toThrow(LastAdminError);
      }
      expect(await adminsLeft()).toEqual(['Root']);
    });

    it('lets exactly one of two administrators removing each other at once succeed', async () => {
      const root = (await users.list()).find((user) => user.username === 'Root');
      if (!root) throw new Error('the administrator is missing');
      const other = await users.create({ username: 'jane', password: 'password-jane', role: 'admin' });
      const outcomes = await Promise.allSettled([users.update(other.id, { disabled: true }), users.update(root.id, { role: 'viewer' })]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: expect.any(LastAdminError) });
      expect(await adminsLeft()).toHaveLength(1);
    });
  });
});
