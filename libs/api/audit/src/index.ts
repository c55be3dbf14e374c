export * from './lib/audit.module';
export { AuditLog, AuditRecord, AuditUnavailableError } from './lib/audit-log';
export { Audited, AuditedCall, AuditedRoute } from './lib/audited';
export { attemptedUsername, AuditFacts } from './lib/audit-details';
export * from './lib/migrations';
