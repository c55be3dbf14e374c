import { RECOVERY_CODE_COUNT } from '@lilux/contracts';
import { createHash, randomInt } from 'node:crypto';

/** Crockford's base32 in lower case: no i, l, o or u to misread. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const LENGTH = 10;

/**
 * Ten fresh recovery codes like `k7m2p-x9q4r`: 50 random bits each, far too many to guess, so a plain SHA-256 is
 * enough to keep them unreadable at rest (a slow hash protects low-entropy secrets such as passwords).
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const characters = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${characters.slice(0, LENGTH / 2)}-${characters.slice(LENGTH / 2)}`;
  });
}

/** The stored form of a recovery code, however the user typed it (case, dash). */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.replace(/-/g, '').toLowerCase()).digest('hex');
}
