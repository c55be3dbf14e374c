import type { TwoFactorProof } from './two-factor';

/** Body of `POST /api/auth/login` (and the seed's `POST /login`); the proof once the user has two-factor authentication. */
export interface LoginRequest extends TwoFactorProof {
  username: string;
  password: string;
}

/** What a successful login (or a password change) returns. */
export interface AccessTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  /** Lifetime of the token in seconds. */
  expires_in: number;
}

/**
 * The refresh token rides in this HttpOnly cookie, sent only to `/api/auth/*`: the console's scripts never see it,
 * and `POST /api/auth/refresh` trades it for a new access token (and a new refresh token).
 */
export const REFRESH_COOKIE = 'lilux_refresh';

/** One signed-in device of the user, as `GET /api/auth/sessions` lists it. */
export interface UserSession {
  id: string;
  /** Browser and system read from the user agent at sign-in, e.g. `Firefox on Linux`, or the client, e.g. `curl`. */
  device: string;
  /** The client address of the last sign-in or refresh. */
  address: string;
  createdAt: string;
  /** The last sign-in or token refresh (the console refreshes while it is open). */
  lastSeenAt: string;
  /** Whether this is the session of the token that asked. */
  isCurrent: boolean;
}

/** `DELETE /api/auth/sessions?keep=current` ends every other session; without `keep`, all of them. */
export const SESSION_KEEP_OPTIONS = ['current'] as const;
export type SessionKeepOption = (typeof SESSION_KEEP_OPTIONS)[number];
