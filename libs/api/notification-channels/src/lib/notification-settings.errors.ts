import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@lilux/api/shared';

/** Settings refused for a reason the DTO cannot see (an address the URL resolves to, the server's SMTP). */
export class InvalidNotificationSettingsError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(override readonly fields: Record<string, string>) {
    super(
      `the notification settings were refused: ${Object.entries(fields)
        .map(([field, problem]) => `${field} ${problem}`)
        .join('; ')}`,
    );
  }
}
