import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, ClusterModule, DatabaseModule, ManualClock } from '@lilux/api/shared';
import { isolatedConfig } from '@lilux/api/testing';
import { USERS_MIGRATIONS, UserIdentity, UsersModule, UsersService } from '@lilux/api/users';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { AUTH_MIGRATIONS } from '../migrations';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionEntity } from './session.entity';
import { RefreshRefusedError, SessionNotFoundError } from './sessions.errors';
import { SessionsService } from './sessions.service';

const HOUR_MS = 3600_000;
const REFRESH_TTL = 24 * 3600;
const SESSION_MAX_AGE = 3 * 24 * 3600;
const LAPTOP = { device: 'Firefox on Linux', address: '192.0.2.1' };

describe('SessionsService (real SQLite file, manual clock)', () => {
  const clock = new ManualClock(Date.parse('2026-11-26T12:00:00.000Z'));
  let directory: string;
  let app: TestingModule;
  let sessions: SessionsService;
  let users: UsersService;
  let userCount = 0;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'lilux-sessions-'));
    app = await Test.createTestingModule({
      imports: [
        isolatedConfig({ DATABASE_URL: `sqlite:${join(directory, 'test.db')}`, REFRESH_TTL, SESSION_MAX_AGE }),
        ClusterModule,
        DatabaseModule.forRoot([...USERS_MIGRATIONS, ...AUTH_MIGRATIONS]),
        UsersModule,
        TypeOrmModule.forFeature([SessionEntity, RefreshTokenEntity]),
      ],
      providers: [SessionsService, { provide: Clock, useValue: clock }],
    }).compile();
    await app.init();
    sessions = app.get(SessionsService);
    users = app.get(UsersService);
  });

  afterAll(async () => {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function newUser(): Promise<UserIdentity> {
    const user = await users.create({ username: `user-${++userCount}`, password: 'a-good-password' });
    return (await users.findIdentity(user.id)) as UserIdentity;
  }

  const refused = expect.any(RefreshRefusedError);

  it('hands out a new refresh token at each refresh, each one good once', async () => {
    const user = await newUser();
    const first = await sessions.start(user, LAPTOP);
    const second = await sessions.rotate(first.refreshToken.value, LAPTOP);
    expect(second).toMatchObject({ sessionId: first.sessionId, user: { id: user.id } });
    expect(second.refreshToken.value).not.toBe(first.refreshToken.value);
    await expect(sessions.rotate(second.refreshToken.value, LAPTOP)).resolves.toMatchObject({ sessionId: first.sessionId });
  });

  it('keeps only a hash of each refresh token', async () => {
    const user = await newUser();
    const started = await sessions.start(user, LAPTOP);
    const rows = await app.get(DataSource).query('SELECT * FROM refresh_tokens WHERE session_id = ?', [started.sessionId]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(started.refreshToken.value);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets exactly one of five rotations racing with one token win, and ends the session for the others', async () => {
    const user = await newUser();
    const started = await sessions.start(user, LAPTOP);
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => sessions.rotate(started.refreshToken.value, LAPTOP)));

    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason)).toEqual([refused, refused, refused, refused]);
    const winner = (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<SessionsService['rotate']>>>).value;
    await expect(sessions.rotate(winner.refreshToken.value, LAPTOP)).rejects.toEqual(refused);
    expect(await sessions.isStanding(started.sessionId, user.id)).toBe(false);
    const [row] = await app.get(DataSource).query('SELECT end_reason FROM sessions WHERE id = ?', [started.sessionId]);
    expect(row.end_reason).toBe('refresh-token-reused');
  });

  it('ends a session left unrefreshed for longer than REFRESH_TTL, and slides that window at each refresh', async () => {
    const user = await newUser();
    let current = await sessions.start(user, LAPTOP);
    for (let day = 0; day < 2; day++) {
      clock.advance(REFRESH_TTL * 1000 - 1);
      current = await sessions.rotate(current.refreshToken.value, LAPTOP);
    }
    clock.advance(REFRESH_TTL * 1000);
    await expect(sessions.rotate(current.refreshToken.value, LAPTOP)).rejects.toEqual(refused);
    expect(await sessions.list(user.id, current.sessionId)).toEqual([]);
  });

  it('ends every session SESSION_MAX_AGE after sign-in, however often it is refreshed', async () => {
    const user = await newUser();
    let current = await sessions.start(user, LAPTOP);
    expect(current.refreshToken.maxAgeSeconds).toBe(REFRESH_TTL);
    for (let hours = 12; hours < SESSION_MAX_AGE / 3600; hours += 12) {
      clock.advance(12 * HOUR_MS);
      current = await sessions.rotate(current.refreshToken.value, LAPTOP);
    }
    // The cookie is told to go when the session does, not a whole REFRESH_TTL later.
    expect(current.refreshToken.maxAgeSeconds).toBe(12 * 3600);
    clock.advance(12 * HOUR_MS);
    await expect(sessions.rotate(current.refreshToken.value, LAPTOP)).rejects.toEqual(refused);
    expect(await sessions.isStanding(current.sessionId, user.id)).toBe(false);
  });

  it("ends a session at its next refresh once the user's token version was raised", async () => {
    const user = await newUser();
    const started = await sessions.start(user, LAPTOP);
    await users.changePassword(user.id, 'a-good-password', 'another-good-password');
    await expect(sessions.rotate(started.refreshToken.value, LAPTOP)).rejects.toEqual(refused);
    const [row] = await app.get(DataSource).query('SELECT end_reason FROM sessions WHERE id = ?', [started.sessionId]);
    expect(row.end_reason).toBe('identity-changed');
  });

  it('tells every listener whose sessions ended, and refuses their tokens from then on', async () => {
    const user = await newUser();
    const started = await sessions.start(user, LAPTOP);
    expect(await sessions.isStanding(started.sessionId, user.id)).toBe(true);
    const announced = firstValueFrom(sessions.sessionsEnded$);
    await sessions.end(user.id, started.sessionId, 'logout');
    await expect(announced).resolves.toBe(user.id);
    expect(await sessions.isStanding(started.sessionId, user.id)).toBe(false);
  });

  it("answers another user's session like one that does not exist", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const started = await sessions.start(owner, LAPTOP);
    await expect(sessions.end(stranger.id, started.sessionId, 'ended-by-user')).rejects.toBeInstanceOf(SessionNotFoundError);
    expect(await sessions.isStanding(started.sessionId, owner.id)).toBe(true);
    expect(await sessions.isStanding(started.sessionId, stranger.id)).toBe(false);
  });

  it('purges sessions nobody can use any more when someone signs in', async () => {
    const user = await newUser();
    const old = await sessions.start(user, LAPTOP);
    clock.advance(REFRESH_TTL * 1000 + 1);
    await sessions.start(user, LAPTOP);
    expect(await app.get(DataSource).query('SELECT id FROM sessions WHERE id = ?', [old.sessionId])).toEqual([]);
    expect(await app.get(DataSource).query('SELECT token_hash FROM refresh_tokens WHERE session_id = ?', [old.sessionId])).toEqual([]);
  });
});
