import { CreateUsers1732406400000 } from './1732406400000-create-users';

export const USERS_MIGRATIONS = [CreateUsers1732406400000];
