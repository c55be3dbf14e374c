import { CreateAlerts1764800000000 } from './1764800000000-create-alerts';

export const ALERTS_MIGRATIONS: (new () => unknown)[] = [CreateAlerts1764800000000];
