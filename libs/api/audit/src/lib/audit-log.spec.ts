import { Global, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Clock, ClusterModule, DatabaseModule, ManualClock } from '@lilux/api/shared';
import { isolatedConfig } from '@lilux/api/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditIntegrity } from './audit-integrity';
import { AuditLog, AuditRecord, AuditUnavailableError } from './audit-log';
import { AuditRetention } from './audit-retention';
import { AuditSearch } from './audit-search';
import { AuditModule } from './audit.module';
import { AUDIT_MIGRATIONS } from './migrations';

const DAY_MS = 24 * 3_600_000;
const ADMIN = { id: '00000000-0000-4000-8000-00000000000a', username: 'root', role: 'admin' as const };
const login = (n: number): AuditRecord => ({ actorName: `user${n}`, action: 'auth.login', outcome: n % 3 === 0 ? 'failed' : 'ok', address: '127.0.0.1' });

describe('AuditLog (real SQLite file)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 12, 0, 0));
  let directory: string;
  let app: TestingModule;

  async function start(settings: Record<string, unknown> = {}): Promise<TestingModule> {
    @Global()
    @Module({ providers: [{ provide: Clock, useValue: clock }], exports: [Clock] })
    class TestClockModule {}
    const module = await Test.createTestingModule({
      imports: [
        isolatedConfig({ DATABASE_URL: `sqlite:${join(directory, 'test.db')}`, AUDIT_RETENTION_DAYS: 0, ...settings }),
        TestClockModule,
        ClusterModule,
        DatabaseModule.forRoot(AUDIT_MIGRATIONS),
        AuditModule,
      ],
    }).compile();
    await module.init();
    return module;
  }

  const log = () => app.get(AuditLog);
  const verify = () => app.get(AuditIntegrity).verify();
  const database = () => app.get(DataSource);
  const ids = async () => (await database().query('SELECT id FROM audit_events ORDER BY id')).map((row: { id: number }) => row.id);

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'lilux-audit-'));
    app = await start();
  });

  afterAll(async () => {
    await app.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('chains 300 events recorded at once into one line, in far fewer transactions than events', async () => {
    let commits = 0;
    const counter = { afterTransactionCommit: () => void (commits += 1) };
    database().subscribers.push(counter);
    try {
      await Promise.all(Array.from({ length: 300 }, (_, n) => log().record(login(n))));
    } finally {
      database().subscribers.splice(database().subscribers.indexOf(counter), 1);
    }
    expect(await ids()).toEqual(Array.from({ length: 300 }, (_, n) => n + 1));
    expect(commits).toBeLessThan(30);
    expect(await verify()).toMatchObject({ ok: true, checked: 300, anchorId: 0, lastId: 300 });
  });

  it('keeps the chain across a restart', async () => {
    await app.close();
    app = await start();
    await log().record({ actorName: 'after-restart', action: 'auth.logout', outcome: 'ok' });
    expect(await verify()).toMatchObject({ ok: true, checked: 301, lastId: 301 });
  });

  it('chains on after events another process appended to the same file', async () => {
    const tool = await start();
    try {
      await tool.get(AuditLog).record({ actorName: 'operator', action: 'keys.rotate', outcome: 'ok', subjectType: 'server' });
    } finally {
      await tool.close();
    }
    await log().record({ actorName: 'after-the-tool', action: 'auth.logout', outcome: 'ok' });
    expect(await ids()).toEqual(Array.from({ length: 303 }, (_, n) => n + 1));
    expect(await verify()).toMatchObject({ ok: true, checked: 303 });
  });

  it('detects a row edited in the database', async () => {
    const [{ outcome }] = await database().query('SELECT outcome FROM audit_events WHERE id = 42');
    await database().query("UPDATE audit_events SET outcome = 'ok', actor_name = 'someone-else' WHERE id = 42");
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: 42, problem: 'was changed after it was written' });
    await database().query('UPDATE audit_events SET outcome = ?, actor_name = ? WHERE id = 42', [outcome, 'user41']);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('detects a row deleted from the middle, and rows deleted from the end', async () => {
    const [row] = await database().query('SELECT * FROM audit_events WHERE id = 100');
    await database().query('DELETE FROM audit_events WHERE id = 100');
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: 100, problem: 'rows 100 to 100 are missing' });
    await database().query(
      `INSERT INTO audit_events (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
        .map(() => '?')
        .join(', ')})`,
      Object.values(row),
    );
    expect(await verify()).toMatchObject({ ok: true });

    const [last] = await database().query('SELECT * FROM audit_events ORDER BY id DESC LIMIT 1');
    await database().query('DELETE FROM audit_events WHERE id = ?', [last.id]);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: last.id, problem: `rows ${last.id} to ${last.id} are missing` });
    await database().query(
      `INSERT INTO audit_events (${Object.keys(last).join(', ')}) VALUES (${Object.keys(last)
        .map(() => '?')
        .join(', ')})`,
      Object.values(last),
    );
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('shows a user their own events and the ones about their account; an administrator everyone’s, filtered', async () => {
    const alice = '00000000-0000-4000-8000-0000000000a1';
    await log().record({ actorId: alice, actorName: 'alice', action: 'auth.password.change', outcome: 'ok' });
    await log().record({ actorId: ADMIN.id, actorName: 'root', action: 'user.update', outcome: 'ok', subjectType: 'user', subjectId: alice });
    await log().record({ actorId: 'someone', actorName: 'bob', action: 'auth.login', outcome: 'ok' });
    const search = app.get(AuditSearch);
    const page = { limit: 50, offset: 0 };
    const own = await search.page({ id: alice, username: 'alice', role: 'trader' }, page);
    expect(own.events.map((event) => event.action)).toEqual(['user.update', 'auth.password.change']);
    expect(own.total).toBe(2);
    const failures = await search.page(ADMIN, { ...page, action: 'auth.login', outcome: 'failed', limit: 5 });
    expect(failures.total).toBe(100);
    expect(failures.events.every((event) => event.outcome === 'failed')).toBe(true);
    expect((await search.page(ADMIN, { ...page, userId: alice })).total).toBe(2);
  });

  it('removes events past the retention period and verifies the rest from the anchor it keeps', async () => {
    await app.close();
    app = await start({ AUDIT_RETENTION_DAYS: 30 });
    clock.advance(31 * DAY_MS);
    await log().record({ actorName: 'recent', action: 'auth.login', outcome: 'ok' });
    const [newest] = await database().query('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1');

    expect(await app.get(AuditRetention).prune()).toBe(newest.id - 1);
    expect(await ids()).toEqual([newest.id]);
    expect(await verify()).toMatchObject({ ok: true, checked: 1, anchorId: newest.id - 1, lastId: newest.id, lastHash: newest.hash });
    expect(await app.get(AuditRetention).prune()).toBe(0);

    await log().record({ actorName: 'later', action: 'auth.logout', outcome: 'ok' });
    await database().query('DELETE FROM audit_events WHERE id = ?', [newest.id]);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: newest.id });
  });

  it('never lets a failed write undo an action, and refuses one that must not happen unrecorded', async () => {
    await database().query('DROP TABLE audit_events');
    await expect(log().record(login(1))).resolves.toBeUndefined();
    await expect(log().recordOrRefuse(login(1))).rejects.toBeInstanceOf(AuditUnavailableError);
  });
});
