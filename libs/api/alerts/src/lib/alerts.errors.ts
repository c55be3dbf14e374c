import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@lilux/api/shared';

/** Another user's alert answers exactly like one that does not exist. */
export class AlertNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('no such alert');
  }
}

export class NotificationNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('no such notification');
  }
}

export class InvalidAlertError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(override readonly fields: Record<string, string>) {
    super(
      `the alert was refused: ${Object.entries(fields)
        .map(([field, problem]) => `${field} ${problem}`)
        .join('; ')}`,
    );
  }
}

/** One more active alert would pass ALERTS_PER_USER. */
export class TooManyAlertsError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(limit: number) {
    super(`you already have ${limit} active alerts, the most one user may have: delete or pause one first`);
  }
}
