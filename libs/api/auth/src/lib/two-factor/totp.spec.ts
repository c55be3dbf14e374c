import { Secret, TOTP } from 'otpauth';
import { matchingStep, newTotpSecret, otpauthUri, stepAt } from './totp';

/** RFC 6238, appendix B: the SHA-1 seed "12345678901234567890", and its 8-digit codes cut to the 6 apps show. */
const RFC_SECRET = Secret.fromLatin1('12345678901234567890').base32;
const RFC_VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];

const codeAt = (secret: string, step: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: step * 30_000 });

describe('TOTP', () => {
  it.each(RFC_VECTORS)('accepts the RFC 6238 code of second %i', (seconds, code) => {
    expect(matchingStep(RFC_SECRET, code, seconds * 1000)).toBe(Math.floor(seconds / 30));
  });

  it('accepts the codes of one step either side of now, naming the step, and refuses two steps away', () => {
    const secret = newTotpSecret();
    const now = 1_764_720_000_000 + 12_345;
    const step = stepAt(now);
    expect([-2, -1, 0, 1, 2].map((offset) => matchingStep(secret, codeAt(secret, step + offset), now))).toEqual([null, step - 1, step, step + 1, null]);
  });

  it('refuses a code of another secret', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(matchingStep(newTotpSecret(), codeAt(newTotpSecret(), stepAt(now)), now)).toBeNull();
  });

  it('makes 160-bit secrets, a new one each time', () => {
    const secrets = new Set(Array.from({ length: 20 }, newTotpSecret));
    expect(secrets.size).toBe(20);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('writes the URI authenticator apps read', () => {
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'alice')).toBe('otpauth://totp/Lilux:alice?issuer=Lilux&secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30');
  });
});
