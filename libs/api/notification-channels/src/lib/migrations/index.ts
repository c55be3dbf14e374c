export const NOTIFICATION_CHANNELS_MIGRATIONS: (new () => unknown)[] = [];
