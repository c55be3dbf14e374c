import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { AccessTokenResponse } from '@lilux/contracts';
import { Environment } from '@lilux/api/shared';
import { UserIdentity, UsersService } from '@lilux/api/users';
import { randomUUID } from 'node:crypto';
import { merge, Observable } from 'rxjs';
import { AccessTokenClaims, AuthenticatedUser } from './authenticated-user';
import { ClientDescription, IssuedRefreshToken, SessionsService } from './sessions/sessions.service';
import { VerifiedTokens } from './verified-tokens';

/** What a sign-in or a refresh hands the client: an access token for the body, a refresh token for the cookie. */
export interface SignedIn {
  accessToken: AccessTokenResponse;
  refreshToken: IssuedRefreshToken;
}

/**
 * Issues access tokens, each naming its session, and decides whether a token still stands for a user: HTTP
 * requests (through the JWT guard) and WebSocket handshakes ask the same rules.
 */
@Injectable()
export class TokenService {
  private readonly ttlSeconds: number;
  /**
   * Ids of users some of whose tokens may have stopped standing for them (a session ended, a password change), on
   * every instance: whoever holds something opened with such a token asks {@link verify} again.
   */
  readonly accessChanged$: Observable<string>;

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly verifiedTokens: VerifiedTokens,
    config: ConfigService<Environment, true>,
  ) {
    this.ttlSeconds = config.get('JWT_TTL', { infer: true });
    this.accessChanged$ = merge(sessions.sessionsEnded$, users.identityChanged$);
  }

  /** Opens a session for a user whose credentials were checked. */
  async signIn(user: UserIdentity, client: ClientDescription): Promise<SignedIn> {
    const grant = await this.sessions.start(user, client);
    return { accessToken: await this.issue(grant.user, grant.sessionId), refreshToken: grant.refreshToken };
  }

  /** Renews a session from its refresh token (see {@link SessionsService.rotate}). */
  async refresh(presented: string | undefined, client: ClientDescription): Promise<SignedIn> {
    const grant = await this.sessions.rotate(presented, client);
    return { accessToken: await this.issue(grant.user, grant.sessionId), refreshToken: grant.refreshToken };
  }

  async issue(user: UserIdentity, sessionId: string): Promise<AccessTokenResponse> {
    const claims: AccessTokenClaims = { sub: user.id, jti: randomUUID(), ver: user.tokenVersion, sid: sessionId };
    return {
      access_token: await this.jwt.signAsync(claims, { expiresIn: this.ttlSeconds }),
      token_type: 'Bearer',
      expires_in: this.ttlSeconds,
    };
  }

  /** The user a raw token stands for; throws 401 for a bad signature, algorithm, issuer, audience or expiry. */
  async verify(token: string): Promise<AuthenticatedUser> {
    return this.authenticate(await this.verifiedTokens.claimsOf(token));
  }

  /**
   * The user behind claims whose signature was checked: the token must carry an expiry and a session, its user
   * must still exist with the same token version, and its session must not have ended.
   */
  async authenticate(claims: AccessTokenClaims): Promise<AuthenticatedUser> {
    // jsonwebtoken accepts a token without `exp` as never expiring; ours always carry one.
    if (typeof claims.exp !== 'number' || typeof claims.jti !== 'string' || typeof claims.sub !== 'string' || typeof claims.sid !== 'string') {
      throw new UnauthorizedException();
    }
    const user = await this.users.findIdentity(claims.sub);
    if (!user || user.tokenVersion !== claims.ver || !(await this.sessions.isStanding(claims.sid, user.id))) {
      throw new UnauthorizedException();
    }
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      sessionId: claims.sid,
      tokenId: claims.jti,
      tokenExpiresAt: new Date(claims.exp * 1000),
    };
  }
}
