import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * The throttler guard with one addition: a plain `Retry-After` header on every 429 (the library names it
 * `Retry-After-login` for the login limit, which clients do not know to read).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { res } = this.getRequestResponse(context);
    res.header('Retry-After', String(detail.timeToBlockExpire));
    throw new ThrottlerException(`too many requests: try again in ${detail.timeToBlockExpire} s`);
  }
}
