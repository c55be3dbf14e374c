import { Secret, TOTP } from 'otpauth';

/** What every authenticator app assumes: RFC 6238 with SHA-1, 6 digits and 30-second steps. */
const ALGORITHM = 'SHA1';
const DIGITS = 6;
export const TOTP_STEP_SECONDS = 30;
/** Steps either side of the current one still accepted, for clocks a little apart and slow typing. */
export const TOTP_WINDOW = 1;
/** 160 bits, the HMAC-SHA-1 key length RFC 4226 recommends. */
const SECRET_BYTES = 20;
const ISSUER = 'Lilux';

/** A fresh shared secret, in base32 as authenticator apps read it. */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function otpauthUri(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

/**
 * The time step whose code `code` is, within {@link TOTP_WINDOW} steps of `nowMs`, or null. The caller refuses a
 * step it has already accepted, so a code works once.
 */
export function matchingStep(secret: string, code: string, nowMs: number): number | null {
  const delta = totpFor(secret).validate({ token: code, timestamp: nowMs, window: TOTP_WINDOW });
  return delta === null ? null : stepAt(nowMs) + delta;
}

export function stepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

function totpFor(secret: string, username = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label: username, secret: Secret.fromBase32(secret), algorithm: ALGORITHM, digits: DIGITS, period: TOTP_STEP_SECONDS });
}
