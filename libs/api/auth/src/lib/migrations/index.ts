import { CreateRevokedTokens1732406500000 } from './1732406500000-create-revoked-tokens';
import { CreateTwoFactor1764720000000 } from './1764720000000-create-two-factor';

export const AUTH_MIGRATIONS = [CreateRevokedTokens1732406500000, CreateTwoFactor1764720000000];
