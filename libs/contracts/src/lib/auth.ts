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
