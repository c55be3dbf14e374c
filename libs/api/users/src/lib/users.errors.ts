import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@lilux/api/shared';

export class UsernameTakenError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  override readonly fields = { username: 'is already taken' };

  constructor(username: string) {
    super(`username "${username}" is already taken`);
  }
}

export class WrongPasswordError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  override readonly fields = { currentPassword: 'is not your current password' };

  constructor() {
    super('currentPassword is not your current password');
  }
}

export class UserNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;

  constructor() {
    super('user not found');
  }
}

export class NothingToChangeError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;

  constructor() {
    super('nothing to change: give role or disabled');
  }
}

/** Lilux must keep someone who can administer it: the last active administrator stays one. */
export class LastAdminError extends DomainError {
  readonly status = HttpStatus.CONFLICT;

  constructor() {
    super('at least one active administrator must remain');
  }
}

/** Deleting comes after disabling, so that nothing of the user's is still moving while it is checked. */
export class UserNotDisabledError extends DomainError {
  readonly status = HttpStatus.CONFLICT;

  constructor() {
    super('disable the user before deleting them');
  }
}

export class UserStillHoldsError extends DomainError {
  readonly status = HttpStatus.CONFLICT;

  constructor(holdings: string[]) {
    super(`the user still has ${holdings.join(' and ')}: these must be canceled or disconnected first`);
  }
}

export class UnchangedPasswordError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  override readonly fields = { newPassword: 'must differ from your current password' };

  constructor() {
    super('newPassword must differ from your current password');
  }
}

/** A signed-in user typed too many wrong passwords where the password is asked again; see {@link PasswordRecheck}. */
export class TooManyWrongPasswordsError extends DomainError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;

  constructor(override readonly retryAfterSeconds: number) {
    super(`too many wrong passwords: try again in ${retryAfterSeconds} s`);
  }
}

/** More password hashes are waiting than PASSWORD_HASH_QUEUE_LIMIT allows; see {@link PasswordHasher}. */
export class PasswordHashingBusyError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;

  constructor(override readonly retryAfterSeconds: number) {
    super(`the server is busy checking passwords: try again in ${retryAfterSeconds} s`);
  }
}
