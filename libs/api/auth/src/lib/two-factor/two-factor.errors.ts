import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@lilux/api/shared';

/**
 * How a missing or wrong proof is answered where it is asked: at login, a 401 like wrong credentials; before a
 * sensitive change, a 403 / 400 that leave the session alone (a console ends its session on any 401).
 */
export interface ProofStatuses {
  missing: HttpStatus;
  wrong: HttpStatus;
}

export const AT_LOGIN: ProofStatuses = { missing: HttpStatus.UNAUTHORIZED, wrong: HttpStatus.UNAUTHORIZED };
export const AT_STEP_UP: ProofStatuses = { missing: HttpStatus.FORBIDDEN, wrong: HttpStatus.BAD_REQUEST };

export class TwoFactorRequiredError extends DomainError {
  override readonly reason = 'two_factor_required';

  constructor(readonly status: HttpStatus) {
    super('two-factor code required');
  }
}

export class WrongTwoFactorCodeError extends DomainError {
  override readonly reason = 'two_factor_invalid';
  override readonly fields: Record<string, string>;

  constructor(
    readonly status: HttpStatus,
    field: 'code' | 'recoveryCode',
    problem: string,
  ) {
    super(`${field} ${problem}`);
    this.fields = { [field]: problem };
  }
}

export class TooManyTwoFactorAttemptsError extends DomainError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;

  constructor(override readonly retryAfterSeconds: number) {
    super(`too many wrong two-factor codes: try again in ${retryAfterSeconds} s`);
  }
}

export class TwoFactorEnrolmentRequiredError extends DomainError {
  readonly status = HttpStatus.FORBIDDEN;
  override readonly reason = 'two_factor_enrolment_required';

  constructor() {
    super('an administrator requires two-factor authentication: set it up first');
  }
}

export class TwoFactorAlreadyEnabledError extends DomainError {
  readonly status = HttpStatus.CONFLICT;

  constructor() {
    super('two-factor authentication is already on: turn it off first to enrol another device');
  }
}

export class TwoFactorNotEnabledError extends DomainError {
  readonly status = HttpStatus.CONFLICT;

  constructor() {
    super('two-factor authentication is not on');
  }
}

export class NoPendingEnrolmentError extends DomainError {
  readonly status = HttpStatus.CONFLICT;

  constructor() {
    super('no enrolment is waiting for a code: start one first');
  }
}

export class WrongPasswordForTwoFactorError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  override readonly fields = { password: 'is not your current password' };

  constructor() {
    super('password is not your current password');
  }
}
