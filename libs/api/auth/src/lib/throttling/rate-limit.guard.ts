import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerException,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerTokenOf } from '../guards/bearer-token';
import { VerifiedTokens } from '../verified-tokens';
import { isLoginRoute, ThrottledRequest } from './login-throttle';
import { ThrottledLogins } from './throttled-logins';

/**
 * The throttler guard with three changes:
 * - a limit is one budget per client across every route it applies to (the library counts each route apart,
 *   which made the global limit 600 a minute times the number of routes);
 * - the client of a request with a valid token is its user, so users behind one address (an office, a proxy)
 *   do not share a budget; any other request counts against its address;
 * - a plain `Retry-After` header on every 429 (the library names it `Retry-After-login` for the login limit,
 *   which clients do not know to read), and refused logins in the audit log.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  // A property, so the library's constructor stays as it is.
  @Inject(ThrottledLogins) private readonly throttledLogins!: ThrottledLogins;

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly verifiedTokens: VerifiedTokens,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const userId = await this.verifiedUserId(request as unknown as IncomingMessage);
    return userId === undefined ? `address:${await super.getTracker(request)}` : `user:${userId}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return createHash('sha256').update(`${throttlerName}|${tracker}`).digest('hex');
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { req, res } = this.getRequestResponse(context) as { req: ThrottledRequest; res: { header(name: string, value: string): unknown } };
    res.header('Retry-After', String(detail.timeToBlockExpire));
    if (isLoginRoute(context)) await this.throttledLogins.record(req, detail.key);
    throw new ThrottlerException(`too many requests: try again in ${detail.timeToBlockExpire} s`);
  }

  /**
   * The user whose token the request carries, if its signature, issuer, audience and expiry hold. Whether the
   * user still stands is the JWT guard's question, after this one: a forged or expired token counts as none.
   */
  private async verifiedUserId(request: IncomingMessage): Promise<string | undefined> {
    const token = bearerTokenOf(request);
    if (!token) return undefined;
    return this.verifiedTokens.claimsOf(token).then(
      (claims) => (typeof claims.sub === 'string' ? claims.sub : undefined),
      () => undefined,
    );
  }
}
