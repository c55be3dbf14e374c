import { CreateRevokedTokens1732406500000 } from './1732406500000-create-revoked-tokens';

export const AUTH_MIGRATIONS = [CreateRevokedTokens1732406500000];
