import { CreateAuditLog1764730000000 } from './1764730000000-create-audit-log';

export const AUDIT_MIGRATIONS = [CreateAuditLog1764730000000];
