import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@lilux/api/shared';

/** One answer for a missing, unknown, expired, ended or replayed refresh token: the client signs in again. */
export class RefreshRefusedError extends DomainError {
  readonly status = HttpStatus.UNAUTHORIZED;

  constructor() {
    super('the session is over (no refresh token, or an expired, ended or used one): sign in again');
  }
}

/** Another user's session answers exactly like one that does not exist. */
export class SessionNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;

  constructor() {
    super('no such session');
  }
}
