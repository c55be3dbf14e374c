import { dictionary } from '@zxcvbn-ts/language-common';
import { ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

/** Spaces and invisible format characters (zero-width spaces, direction marks) only: it looks empty and is guessed at once. */
const BLANK = /^[\s\p{Cf}]*$/u;

/** The ~49,000 passwords seen most often in leaks (zxcvbn's list, lower-case): the first an attacker tries. Built on first use. */
let commonPasswords: ReadonlySet<string> | undefined;

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common']);
  return commonPasswords.has(password.trim().toLowerCase());
}

/** What makes a new password easy to guess, as the end of a sentence that starts with its field; null when nothing does. */
export function passwordWeakness(password: string): string | null {
  if (BLANK.test(password)) return 'must not be only spaces or invisible characters';
  if (isCommonPassword(password)) return 'is one of the most common passwords: choose one that is hard to guess';
  return null;
}

/**
 * A password someone sets (a new user's, a changed one, ADMIN_PASSWORD) must not be blank or common. Its length
 * is {@link PasswordByteLength}'s to judge. Passwords typed to log in or to confirm are never judged: old ones must
 * keep working.
 */
@ValidatorConstraint({ name: 'hardToGuessPassword' })
export class HardToGuessPassword implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && passwordWeakness(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return (typeof args.value === 'string' && passwordWeakness(args.value)) || 'must be text';
  }
}
