import { CreateLeases1764500000000 } from './1764500000000-create-leases';

/** This lib's own tables, which DatabaseModule adds to every feature lib's migrations. */
export const SHARED_MIGRATIONS = [CreateLeases1764500000000];
