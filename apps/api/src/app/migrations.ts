import { AUDIT_MIGRATIONS } from '@lilux/api/audit';
import { AUTH_MIGRATIONS } from '@lilux/api/auth';
import { ORDERS_MIGRATIONS } from '@lilux/api/orders';
import { USERS_MIGRATIONS } from '@lilux/api/users';

/** Every feature lib's migrations (DatabaseModule adds the shared ones). */
export const FEATURE_MIGRATIONS = [...USERS_MIGRATIONS, ...AUTH_MIGRATIONS, ...ORDERS_MIGRATIONS, ...AUDIT_MIGRATIONS];
