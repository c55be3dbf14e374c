import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { UserRole } from '@lilux/contracts';

/**
 * Who is asking: the caller the JWT guard attached to the request. The auth lib, which owns that guard, records
 * its own events here, so this lib reads the request itself rather than depending on auth.
 */
export interface AuditViewer {
  id: string;
  username: string;
  role: UserRole;
}

export const Viewer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuditViewer => context.switchToHttp().getRequest<{ user: AuditViewer }>().user,
);
