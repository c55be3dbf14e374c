import type { UserRole } from '@lilux/contracts';
import { KeyObject, createSecretKey } from 'node:crypto';

/** The caller of a request, as the JWT guard attaches it to `request.user`. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  role: UserRole;
  /** The session the token belongs to: logout ends it, the sessions list marks it as current. */
  sessionId: string;
  /** The token's own id (`jti`). */
  tokenId: string;
  tokenExpiresAt: Date;
}

/** Claims Lilux puts in every access token besides the registered ones. */
export interface AccessTokenClaims {
  sub: string;
  jti: string;
  /** The user's token version when the token was issued. */
  ver: number;
  /** The session the token was issued in; ending it refuses the token. */
  sid: string;
  iat?: number;
  exp?: number;
}

export const TOKEN_ISSUER = 'lilux';
export const TOKEN_AUDIENCE = 'lilux-api';
export const TOKEN_ALGORITHM = 'HS256';

/**
 * The HMAC key as a KeyObject. Given a string, jsonwebtoken first tries to parse it as a PEM public key and
 * catches the failure, on every verification: a quarter of the CPU time of an authenticated request.
 */
export function tokenSigningKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
