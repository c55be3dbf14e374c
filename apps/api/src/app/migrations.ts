import { ALERTS_MIGRATIONS } from '@lilux/api/alerts';
import { AUDIT_MIGRATIONS } from '@lilux/api/audit';
import { AUTH_MIGRATIONS } from '@lilux/api/auth';
import { NOTIFICATION_CHANNELS_MIGRATIONS } from '@lilux/api/notification-channels';
import { ORDERS_MIGRATIONS } from '@lilux/api/orders';
import { USERS_MIGRATIONS } from '@lilux/api/users';

/** Every feature lib's migrations (DatabaseModule adds the shared ones). */
export const FEATURE_MIGRATIONS = [
  ...USERS_MIGRATIONS,
  ...AUTH_MIGRATIONS,
  ...ORDERS_MIGRATIONS,
  ...AUDIT_MIGRATIONS,
  ...NOTIFICATION_CHANNELS_MIGRATIONS,
  ...ALERTS_MIGRATIONS,
];
