import { CreateRevokedTokens1732406500000 } from './1732406500000-create-revoked-tokens';
import { CreateSessions1764710000000 } from './1764710000000-create-sessions';
import { CreateTwoFactor1764720000000 } from './1764720000000-create-two-factor';

export const AUTH_MIGRATIONS = [CreateRevokedTokens1732406500000, CreateSessions1764710000000, CreateTwoFactor1764720000000];
