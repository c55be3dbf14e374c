export const ALERTS_MIGRATIONS: (new () => unknown)[] = [];
