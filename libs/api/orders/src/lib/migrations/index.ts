import { CreateTrading1764000000000 } from './1764000000000-create-trading';

export const ORDERS_MIGRATIONS = [CreateTrading1764000000000];
