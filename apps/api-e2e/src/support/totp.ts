import { Secret, TOTP } from 'otpauth';

const STEP_MS = 30_000;

/** The code an authenticator app holding `secret` shows during time step `step` (30-second steps since 1970). */
export function codeAt(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: step * STEP_MS });
}

/**
 * The current time step, once at least `secondsLeft` of it remain: the API is a real process on the real clock,
 * so a test that sends codes for the steps around this one must not straddle a step change. Waits at most
 * `secondsLeft` seconds.
 */
export async function aFreshStep(secondsLeft = 15): Promise<number> {
  const left = STEP_MS - (Date.now() % STEP_MS);
  if (left < secondsLeft * 1000) await new Promise((resolveWait) => setTimeout(resolveWait, left + 100));
  return Math.floor(Date.now() / STEP_MS);
}
