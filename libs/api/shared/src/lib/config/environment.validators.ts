import { PASSWORD_MAX_BYTES, PASSWORD_MIN_BYTES } from '@lilux/contracts';
import { ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

/** The value `.env.example` ships with; a server must never run with it. */
export const JWT_SECRET_PLACEHOLDER = 'change-me-to-at-least-32-random-characters';

@ValidatorConstraint({ name: 'jwtSecret' })
export class JwtSecret implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return jwtSecretProblem(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${jwtSecretProblem(args.value)}: use a random value, e.g. from \`openssl rand -base64 48\``;
  }
}

function jwtSecretProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'is missing';
  if (value === JWT_SECRET_PLACEHOLDER) return 'is still the .env.example placeholder';
  if (value.length < 32) return `must be at least 32 characters (has ${value.length})`;
  return null;
}

const FERNET_KEY = /^[A-Za-z0-9_-]{43}=$/;

@ValidatorConstraint({ name: 'fernetKeyList' })
export class FernetKeyList implements ValidatorConstraintInterface {
  validate(keys: unknown): boolean {
    return Array.isArray(keys) && keys.every((key) => typeof key === 'string' && FERNET_KEY.test(key));
  }

  defaultMessage(args: ValidationArguments): string {
    const keys = Array.isArray(args.value) ? (args.value as string[]) : [];
    const position = keys.findIndex((key) => !FERNET_KEY.test(key));
    const which = keys.length > 1 ? `key ${position + 1} ` : '';
    return `${which}must be 32 bytes encoded as url-safe base64 (44 characters ending in "="), as Python's Fernet.generate_key() makes`;
  }
}

@ValidatorConstraint({ name: 'passwordByteLength' })
export class PasswordByteLength implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    const bytes = Buffer.byteLength(value, 'utf8');
    return bytes >= PASSWORD_MIN_BYTES && bytes <= PASSWORD_MAX_BYTES;
  }

  defaultMessage(): string {
    return `must be ${PASSWORD_MIN_BYTES} to ${PASSWORD_MAX_BYTES} bytes long (bcrypt ignores anything past ${PASSWORD_MAX_BYTES} bytes)`;
  }
}

@ValidatorConstraint({ name: 'httpOriginList' })
export class HttpOriginList implements ValidatorConstraintInterface {
  validate(origins: unknown): boolean {
    return Array.isArray(origins) && origins.every(isHttpOrigin);
  }

  defaultMessage(args: ValidationArguments): string {
    const bad = Array.isArray(args.value) ? args.value.find((origin) => !isHttpOrigin(origin)) : args.value;
    return `"${bad}" is not an origin such as https://console.example.com (no "*", no path)`;
  }
}

function isHttpOrigin(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

/**
 * A refresh token must outlive the access tokens it renews: the console refreshes shortly before its token
 * expires, and a refresh token that dies sooner would end a session in use.
 */
@ValidatorConstraint({ name: 'outlastsAccessTokens' })
export class OutlastsAccessTokens implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const accessTokenSeconds = (args.object as { JWT_TTL?: unknown }).JWT_TTL;
    return typeof value === 'number' && typeof accessTokenSeconds === 'number' && value > accessTokenSeconds;
  }

  defaultMessage(args: ValidationArguments): string {
    return `must be longer than JWT_TTL (${(args.object as { JWT_TTL?: unknown }).JWT_TTL} s), or sessions in use would end`;
  }
}

/** A number that must not be below another setting's, named in the constraint (`@Validate(NotLessThan, ['X'])`). */
@ValidatorConstraint({ name: 'notLessThan' })
export class NotLessThan implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const floor = (args.object as Record<string, unknown>)[args.constraints[0]];
    // A value that is not a number is the other decorators' to report.
    return typeof value !== 'number' || typeof floor !== 'number' || !(value < floor);
  }

  defaultMessage(args: ValidationArguments): string {
    return `must be at least ${args.constraints[0]} (${(args.object as Record<string, unknown>)[args.constraints[0]]})`;
  }
}
