import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '@lilux/api/shared';
import type { AccessTokenClaims } from './authenticated-user';

/** Enough for every token in use on an instance; past it the oldest is checked again on its next use. */
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Access tokens whose signature, algorithm, issuer and audience held, with their claims. A token is a signed
 * constant: once checked, those answers hold for its whole life, so each token is checked once instead of twice
 * per request (the rate limiter and the JWT guard both ask). Only its expiry moves, and it is checked on every
 * use. Whether its user and session still stand is not kept here: TokenService asks that on every request.
 */
@Injectable()
export class VerifiedTokens {
  private readonly claimsByToken = new Map<string, AccessTokenClaims>();

  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
  ) {}

  /** The claims of a token of ours that has not expired; 401 for anything else. */
  async claimsOf(token: string): Promise<AccessTokenClaims> {
    const nowSeconds = Math.floor(this.clock.now() / 1000);
    const known = this.claimsByToken.get(token);
    if (known) {
      if (!hasExpired(known, nowSeconds)) return known;
      this.claimsByToken.delete(token);
      throw new UnauthorizedException();
    }
    let claims: AccessTokenClaims & { nbf?: unknown };
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { clockTimestamp: nowSeconds });
    } catch {
      throw new UnauthorizedException();
    }
    // A token without an expiry is refused by TokenService; one with a not-before (ours have none) is not kept.
    if (typeof claims.exp === 'number' && claims.nbf === undefined) this.remember(token, claims);
    return claims;
  }

  /** Tokens kept, for tests. */
  get size(): number {
    return this.claimsByToken.size;
  }

  private remember(token: string, claims: AccessTokenClaims): void {
    if (this.claimsByToken.size >= MAX_VERIFIED_TOKENS) this.claimsByToken.delete(this.claimsByToken.keys().next().value as string);
    this.claimsByToken.set(token, claims);
  }
}

/** jsonwebtoken's rule: a token is expired from the second of its `exp` on. */
function hasExpired(claims: AccessTokenClaims, nowSeconds: number): boolean {
  return nowSeconds >= (claims.exp as number);
}
