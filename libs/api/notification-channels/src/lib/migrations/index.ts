import { CreateNotificationSettings1764800000000 } from './1764800000000-create-notification-settings';

export const NOTIFICATION_CHANNELS_MIGRATIONS: (new () => unknown)[] = [CreateNotificationSettings1764800000000];
