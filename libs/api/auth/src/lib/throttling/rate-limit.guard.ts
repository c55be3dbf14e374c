import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { isLoginRoute, ThrottledRequest } from './login-throttle';
import { ThrottledLogins } from './throttled-logins';

/**
 * The throttler guard with two additions: a plain `Retry-After` header on every 429 (the library names it
 * `Retry-After-login` for the login limit, which clients do not know to read), and refused logins in the audit log.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  // A property, so the library's constructor stays as it is.
  @Inject(ThrottledLogins) private readonly throttledLogins!: ThrottledLogins;

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { req, res } = this.getRequestResponse(context);
    res.header('Retry-After', String(detail.timeToBlockExpire));
    if (isLoginRoute(context)) await this.throttledLogins.record(req as ThrottledRequest, detail.key);
    throw new ThrottlerException(`too many requests: try again in ${detail.timeToBlockExpire} s`);
  }
}
