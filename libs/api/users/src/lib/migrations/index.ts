import { CreateUsers1732406400000 } from './1732406400000-create-users';
import { AddUserStatus1764700000000 } from './1764700000000-add-user-status';

export const USERS_MIGRATIONS = [CreateUsers1732406400000, AddUserStatus1764700000000];
