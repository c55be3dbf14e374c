import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isReadOnlyRole } from '@lilux/contracts';
import { VIEWER_ALLOWED_KEY } from '@lilux/api/shared';
import type { AuthenticatedUser } from '../authenticated-user';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global, after the role guard: a viewer may read anything its token reaches and change nothing. Refusing every
 * method but a read, instead of marking the routes that change things, keeps a route added tomorrow closed to
 * viewers until someone opens it on purpose with `@ViewerAllowed()`.
 */
@Injectable()
export class ReadOnlyRoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ method: string; user?: AuthenticatedUser }>();
    if (!request.user || !isReadOnlyRole(request.user.role) || READS.has(request.method)) return true;
    if (this.reflector.getAllAndOverride<boolean>(VIEWER_ALLOWED_KEY, [context.getHandler(), context.getClass()])) return true;
    throw new ForbiddenException(`a ${request.user.role} account is read-only`);
  }
}
