import { Injectable, Logger, OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { AccessTokenResponse } from '@lilux/contracts';
import { ClusterBus, Environment } from '@lilux/api/shared';
import { IDENTITY_CACHE_TTL_MS, UserIdentity, UsersService } from '@lilux/api/users';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { merge, Observable, Subject } from 'rxjs';
import { LessThan, Repository } from 'typeorm';
import { AccessTokenClaims, AuthenticatedUser } from './authenticated-user';
import { RevokedTokenEntity } from './revoked-token.entity';

/** Announced when a token is logged out, so every instance refuses it at once. */
const TOKEN_REVOKED = 'token-revoked';
interface TokenRevoked {
  tokenId: string;
  userId: string;
}

/**
 * Issues access tokens, keeps the list of those logged out before they expire, and decides whether a token
 * still stands for a user: HTTP requests (through the JWT strategy) and WebSocket handshakes ask the same rules.
 */
@Injectable()
export class TokenService implements OnModuleInit {
  private readonly logger = new Logger(TokenService.name);
  private readonly ttlSeconds: number;
  /**
   * Whether a token was logged out, as last read. A logout through any instance applies at once (it is announced
   * on the cluster bus); should the announcement fail, the others read it within {@link IDENTITY_CACHE_TTL_MS}.
   */
  private readonly revocations = new LRUCache<string, boolean>({ max: 100_000, ttl: IDENTITY_CACHE_TTL_MS });
  private readonly revokedFor = new Subject<string>();
  /**
   * Ids of users some of whose tokens may have stopped standing for them (a logout, a password change), on every
   * instance: whoever holds something opened with such a token asks {@link verify} again.
   */
  readonly accessChanged$: Observable<string>;

  constructor(
    private readonly jwt: JwtService,
    @InjectRepository(RevokedTokenEntity) private readonly revoked: Repository<RevokedTokenEntity>,
    private readonly users: UsersService,
    private readonly bus: ClusterBus,
    config: ConfigService<Environment, true>,
  ) {
    this.ttlSeconds = config.get('JWT_TTL', { infer: true });
    this.accessChanged$ = merge(this.revokedFor, users.identityChanged$);
  }

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOKEN_REVOKED, (message) => this.markRevoked(message as TokenRevoked));
  }

  async issue(user: UserIdentity): Promise<AccessTokenResponse> {
    const claims: AccessTokenClaims = { sub: user.id, jti: randomUUID(), ver: user.tokenVersion };
    return {
      access_token: await this.jwt.signAsync(claims, { expiresIn: this.ttlSeconds }),
      token_type: 'Bearer',
      expires_in: this.ttlSeconds,
    };
  }

  async revoke(user: AuthenticatedUser): Promise<void> {
    await this.revoked.delete({ expiresAt: LessThan(new Date()) });
    await this.revoked.upsert({ tokenId: user.tokenId, userId: user.id, expiresAt: user.tokenExpiresAt }, { conflictPaths: ['tokenId'] });
    this.revocations.set(user.tokenId, true);
    const revoked: TokenRevoked = { tokenId: user.tokenId, userId: user.id };
    try {
      await this.bus.publish(TOKEN_REVOKED, revoked);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not announce a logout to the other instances');
      this.markRevoked(revoked);
    }
  }

  /** The user a raw token stands for; throws 401 for a bad signature, algorithm, issuer, audience or expiry. */
  async verify(token: string): Promise<AuthenticatedUser> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw new UnauthorizedException();
    }
    return this.authenticate(claims);
  }

  /**
   * The user behind claims whose signature was checked: the token must carry an expiry, its user must still
   * exist with the same token version, and it must not have been logged out.
   */
  async authenticate(claims: AccessTokenClaims): Promise<AuthenticatedUser> {
    // jsonwebtoken accepts a token without `exp` as never expiring; ours always carry one.
    if (typeof claims.exp !== 'number' || typeof claims.jti !== 'string' || typeof claims.sub !== 'string') {
      throw new UnauthorizedException();
    }
    const user = await this.users.findIdentity(claims.sub);
    if (!user || user.tokenVersion !== claims.ver || (await this.isRevoked(claims.jti))) {
      throw new UnauthorizedException();
    }
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      tokenId: claims.jti,
      tokenExpiresAt: new Date(claims.exp * 1000),
    };
  }

  private markRevoked({ tokenId, userId }: TokenRevoked): void {
    this.revocations.set(tokenId, true);
    this.revokedFor.next(userId);
  }

  private async isRevoked(tokenId: string): Promise<boolean> {
    let revoked = this.revocations.get(tokenId);
    if (revoked === undefined) {
      revoked = await this.revoked.exists({ where: { tokenId } });
      this.revocations.set(tokenId, revoked);
    }
    return revoked;
  }
}
