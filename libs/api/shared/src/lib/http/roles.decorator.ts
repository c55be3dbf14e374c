import { SetMetadata } from '@nestjs/common';
import type { UserRole } from '@lilux/contracts';

export const ROLES_KEY = 'lilux:roles';

/** Restricts a route to users with one of `roles`; others get 403. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);
