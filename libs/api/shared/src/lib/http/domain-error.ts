import { HttpStatus } from '@nestjs/common';
import type { ApiErrorReason } from '@lilux/contracts';

/**
 * A rule of the domain was broken (a name already taken, a balance too small). Services throw these;
 * {@link ApiExceptionFilter} turns them into HTTP answers, so services stay free of HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly status: HttpStatus;
  /** The request fields at fault, named the way the client sent them. */
  readonly fields?: Record<string, string>;
  /** Sent as `reason`, for refusals a client answers with a step of its own. */
  readonly reason?: ApiErrorReason;
  /** When the client may try again, sent as `Retry-After`. */
  readonly retryAfterSeconds?: number;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
