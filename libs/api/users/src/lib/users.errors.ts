import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@lilux/api/shared';

export class UsernameTakenError extends DomainError {
  readonly status = HttpStatus.CONFLICT;

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
