import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import type { UserSession } from '@lilux/contracts';
import { Clock, ClusterBus, Environment, Transactions } from '@lilux/api/shared';
import { IDENTITY_CACHE_TTL_MS, UserIdentity, UsersService } from '@lilux/api/users';
import { LRUCache } from 'lru-cache';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Observable, Subject } from 'rxjs';
import { IsNull, MoreThan, ObjectLiteral, Repository } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionEndReason, SessionEntity } from './session.entity';
import { RefreshRefusedError, SessionNotFoundError } from './sessions.errors';

/** Announced when sessions end, so that every instance refuses their access tokens at once. */
const SESSIONS_ENDED = 'sessions-ended';
/** One session, or every session of the user but `keep` (null: all of them). */
type SessionsEnded = { userId: string; sessionId: string } | { userId: string; allBut: string | null };

/** Who is signing in or refreshing, for the sessions list. */
export interface ClientDescription {
  device: string;
  address: string;
}

/** A refresh token's value, for the client's cookie only, and how long the cookie may keep it. */
export interface IssuedRefreshToken {
  value: string;
  maxAgeSeconds: number;
}

/** A session opened or renewed: the user to sign an access token for, and the next refresh token. */
export interface SessionGrant {
  sessionId: string;
  user: UserIdentity;
  refreshToken: IssuedRefreshToken;
}

/**
 * Sessions and their refresh tokens: opened at sign-in, renewed by rotating the refresh token (each one is used
 * once; one used twice ends its whole session, for one of the two was stolen), listed and ended by their user.
 *
 * Two refreshes racing with the same token count as a replay: the conditional update lets exactly one win and the
 * other ends the session. The console never races itself (one refresh at a time, across tabs too), so a race means
 * a copy of the cookie is in other hands; no grace period leaves a window in which a thief's replay goes unnoticed.
 */
@Injectable()
export class SessionsService implements OnModuleInit {
  private readonly logger = new Logger(SessionsService.name);
  private readonly refreshTtlMs: number;
  private readonly maxAgeMs: number;
  /**
   * Whose a session is while it stands (false once ended or unknown), as last read. Ends through any instance apply
   * at once (announced on the cluster bus); should an announcement fail, the others read it within the TTL.
   */
  private readonly standing = new LRUCache<string, string | false>({ max: 100_000, ttl: IDENTITY_CACHE_TTL_MS });
  private readonly endedFor = new Subject<string>();
  /** Ids of users some of whose sessions just ended, on every instance. */
  readonly sessionsEnded$: Observable<string> = this.endedFor.asObservable();

  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(RefreshTokenEntity) private readonly refreshTokens: Repository<RefreshTokenEntity>,
    private readonly transactions: Transactions,
    private readonly users: UsersService,
    private readonly bus: ClusterBus,
    private readonly clock: Clock,
    config: ConfigService<Environment, true>,
  ) {
    this.refreshTtlMs = config.get('REFRESH_TTL', { infer: true }) * 1000;
    this.maxAgeMs = config.get('SESSION_MAX_AGE', { infer: true }) * 1000;
  }

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(SESSIONS_ENDED, (message) => this.markEnded(message as SessionsEnded));
  }

  async start(user: UserIdentity, client: ClientDescription): Promise<SessionGrant> {
    const now = this.clock.now();
    await this.purge(now);
    const session: SessionEntity = {
      id: randomUUID(),
      userId: user.id,
      tokenVersion: user.tokenVersion,
      device: client.device,
      address: client.address,
      createdAt: iso(now),
      lastSeenAt: iso(now),
      expiresAt: iso(now + this.maxAgeMs),
      endedAt: null,
      endReason: null,
    };
    const value = newTokenValue();
    await this.transactions.run(async (manager) => {
      await manager.insert(SessionEntity, session);
      await manager.insert(RefreshTokenEntity, { tokenHash: hashOf(value), sessionId: session.id, issuedAt: iso(now), usedAt: null });
    });
    return { sessionId: session.id, user, refreshToken: this.issued(value, session, now) };
  }

  /** Trades a refresh token for the next one in its session; throws {@link RefreshRefusedError} otherwise. */
  async rotate(presented: string | undefined, client: ClientDescription): Promise<SessionGrant> {
    if (!presented) throw new RefreshRefusedError();
    const now = this.clock.now();
    const tokenHash = hashOf(presented);
    const token = await this.refreshTokens.findOne({ where: { tokenHash } });
    const session = token && (await this.sessions.findOne({ where: { id: token.sessionId, endedAt: IsNull() } }));
    if (!token || !session) throw new RefreshRefusedError();
    if (token.usedAt !== null) return this.refuseReplay(session);
    if (Date.parse(token.issuedAt) + this.refreshTtlMs <= now || Date.parse(session.expiresAt) <= now) throw new RefreshRefusedError();
    const user = await this.users.findIdentity(session.userId);
    if (!user || user.tokenVersion !== session.tokenVersion) {
      // Deleted, or every token of the user revoked (a password change elsewhere, an administrator).
      await this.endSessions({ userId: session.userId, sessionId: session.id }, 'identity-changed');
      throw new RefreshRefusedError();
    }
    const value = newTokenValue();
    const isClaimed = await this.transactions.run(async (manager) => {
      const claim = await manager.update(RefreshTokenEntity, { tokenHash, usedAt: IsNull() }, { usedAt: iso(now) });
      if (claim.affected !== 1) return false;
      await manager.insert(RefreshTokenEntity, { tokenHash: hashOf(value), sessionId: session.id, issuedAt: iso(now), usedAt: null });
      await manager.update(SessionEntity, { id: session.id }, { lastSeenAt: iso(now), address: client.address });
      return true;
    });
    if (!isClaimed) return this.refuseReplay(session);
    return { sessionId: session.id, user, refreshToken: this.issued(value, session, now) };
  }

  /** Whether an access token of `userId` naming this session may still be accepted. */
  async isStanding(sessionId: string, userId: string): Promise<boolean> {
    let owner = this.standing.get(sessionId);
    if (owner === undefined) {
      const session = await this.sessions.findOne({ where: { id: sessionId }, select: { userId: true, endedAt: true, expiresAt: true } });
      owner = session && session.endedAt === null && Date.parse(session.expiresAt) > this.clock.now() ? session.userId : false;
      this.standing.set(sessionId, owner);
    }
    return owner === userId;
  }

  /** The user's sessions that still stand, most recently seen first. */
  async list(userId: string, currentSessionId: string): Promise<UserSession[]> {
    const now = this.clock.now();
    const sessions = await this.sessions.find({
      where: { userId, endedAt: IsNull(), expiresAt: MoreThan(iso(now)), lastSeenAt: MoreThan(iso(now - this.refreshTtlMs)) },
      order: { lastSeenAt: 'DESC', id: 'ASC' },
    });
    return sessions.map((session) => ({
      id: session.id,
      device: session.device,
      address: session.address,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
      isCurrent: session.id === currentSessionId,
    }));
  }

  /** Ends one of the user's sessions; another user's answers like none. */
  async end(userId: string, sessionId: string, reason: SessionEndReason): Promise<void> {
    if (!(await this.sessions.exists({ where: { id: sessionId, userId } }))) throw new SessionNotFoundError();
    await this.endSessions({ userId, sessionId }, reason);
  }

  /** Ends every session of the user, or every one but `keep`. */
  async endAll(userId: string, reason: SessionEndReason, keep: string | null = null): Promise<void> {
    await this.endSessions({ userId, allBut: keep }, reason);
  }

  /**
   * After a password change (which raised the user's token version): this session goes on under the new version,
   * every other one ends.
   */
  async keepOnly(user: UserIdentity, sessionId: string, reason: SessionEndReason): Promise<void> {
    await this.sessions.update({ id: sessionId, userId: user.id }, { tokenVersion: user.tokenVersion });
    await this.endAll(user.id, reason, sessionId);
  }

  private async refuseReplay(session: SessionEntity): Promise<never> {
    this.logger.warn({ userId: session.userId, sessionId: session.id }, 'a used refresh token came back: its session is ended');
    await this.endSessions({ userId: session.userId, sessionId: session.id }, 'refresh-token-reused');
    throw new RefreshRefusedError();
  }

  private async endSessions(ended: SessionsEnded, reason: SessionEndReason): Promise<void> {
    const now = iso(this.clock.now());
    const { where, parameters } = sessionsOf(ended);
    await this.transactions.run(async (manager) => {
      // The tokens of an ended session can never be used again; only the session row stays, until purged.
      await manager
        .createQueryBuilder()
        .delete()
        .from(RefreshTokenEntity)
        .where(`session_id IN (SELECT id FROM sessions WHERE ${where})`, parameters)
        .execute();
      await manager
        .createQueryBuilder()
        .update(SessionEntity)
        .set({ endedAt: now, endReason: reason })
        .where(`${where} AND ended_at IS NULL`, parameters)
        .execute();
    });
    this.forget(ended);
    try {
      await this.bus.publish(SESSIONS_ENDED, ended);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not announce ended sessions to the other instances');
      this.markEnded(ended);
    }
  }

  private markEnded(ended: SessionsEnded): void {
    this.forget(ended);
    this.endedFor.next(ended.userId);
  }

  private forget(ended: SessionsEnded): void {
    if ('sessionId' in ended) {
      this.standing.set(ended.sessionId, false);
      return;
    }
    const others = [...this.standing.entries()].filter(([sessionId, owner]) => owner === ended.userId && sessionId !== ended.allBut);
    for (const [sessionId] of others) this.standing.set(sessionId, false);
  }

  /** Drops what can no longer be used: sessions past their end, idle or absolute, and refresh tokens too old to use. */
  private async purge(now: number): Promise<void> {
    const idleSince = iso(now - this.refreshTtlMs);
    await this.sessions
      .createQueryBuilder()
      .delete()
      .where('expires_at <= :now OR last_seen_at <= :idleSince', { now: iso(now), idleSince })
      .execute();
    await this.refreshTokens.createQueryBuilder().delete().where('issued_at <= :idleSince', { idleSince }).execute();
  }

  private issued(value: string, session: SessionEntity, now: number): IssuedRefreshToken {
    const untilIdle = this.refreshTtlMs;
    const untilEnd = Date.parse(session.expiresAt) - now;
    return { value, maxAgeSeconds: Math.floor(Math.min(untilIdle, untilEnd) / 1000) };
  }
}

/** The condition on `sessions` that picks the ended ones. */
function sessionsOf(ended: SessionsEnded): { where: string; parameters: ObjectLiteral } {
  if ('sessionId' in ended) return { where: 'user_id = :userId AND id = :sessionId', parameters: ended };
  if (ended.allBut === null) return { where: 'user_id = :userId', parameters: { userId: ended.userId } };
  return { where: 'user_id = :userId AND id <> :keep', parameters: { userId: ended.userId, keep: ended.allBut } };
}

/** 256 random bits, url-safe: nothing to guess, nothing to brute-force offline from the stored hash. */
function newTokenValue(): string {
  return randomBytes(32).toString('base64url');
}

function hashOf(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
