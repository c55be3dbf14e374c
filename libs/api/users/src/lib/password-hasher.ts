import { compare, hash } from 'bcrypt';

/** OWASP's floor for bcrypt; about 250 ms a hash on a 2-core machine. */
export const BCRYPT_COST = 12;

/**
 * Compared against when a username does not exist, so that an unknown user costs the same bcrypt work as a
 * wrong password and the answer time tells nothing.
 */
const UNKNOWN_USER_HASH = '$2b$12$MhVAPsfM6BrVM5vIxLWquO0y3T3EuW8ByZUA/9oxLLtpUSRwavb22';

export function hashPassword(password: string): Promise<string> {
  return hash(password, BCRYPT_COST);
}

export function passwordMatches(password: string, passwordHash: string | undefined): Promise<boolean> {
  return compare(password, passwordHash ?? UNKNOWN_USER_HASH);
}
