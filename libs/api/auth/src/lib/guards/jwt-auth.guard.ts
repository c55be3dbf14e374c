import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from '@lilux/api/shared';
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthenticatedUser } from '../authenticated-user';
import { TokenService } from '../token.service';
import { bearerTokenOf } from './bearer-token';

/**
 * Global: every route needs a valid bearer token unless it is marked `@Public()`; the caller goes to
 * `request.user`. The token service applies every rule (signature, issuer, audience, expiry, session, user):
 * what passport-jwt's strategy did, without a second verification of the token the rate limiter checked.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders; user?: AuthenticatedUser }>();
    const token = bearerTokenOf(request);
    if (!token) throw new UnauthorizedException();
    request.user = await this.tokens.verify(token);
    return true;
  }
}
