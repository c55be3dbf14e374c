/**
 * Every action the audit log records. Names are `area.what-was-attempted`; whether it worked is the outcome.
 * Some are reserved for features that record them once they exist (see docs/operations.md#audit-log).
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.refresh',
  'auth.password.change',
  'auth.2fa.enable',
  'auth.2fa.disable',
  'auth.2fa.recovery-codes',
  'auth.sessions.end',
  'user.create',
  'user.update',
  'user.delete',
  'user.sessions.end',
  'settings.2fa.require',
  'exchange-account.add',
  'exchange-account.remove',
  'exchange-account.check',
  'live-trading.switch',
  'order.place',
  'order.cancel',
  'position.protect',
  'paper.reset',
  'keys.rotate',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * `ok`: done. `failed`: refused (a wrong password, an invalid order, an order the exchange rejected).
 * `throttled`: refused by a rate limit before anything was tried. `error`: the server could not finish it.
 */
export const AUDIT_OUTCOMES = ['ok', 'failed', 'throttled', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What an event was done to, besides its actor. */
export const AUDIT_SUBJECT_TYPES = ['user', 'account', 'order', 'server'] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

/** Facts about an event, flat: never a password, key, secret or token. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** One row of the audit log. */
export interface AuditEvent {
  /** Position in the chain: 1, 2, 3… with no gap except below the retention anchor. */
  id: number;
  at: string;
  actorId: string | null;
  /** The user's name, or the name a refused login gave, or the tool that acted. */
  actorName: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  /** The client address, as the rate limits see it (X-Forwarded-For only with TRUST_PROXY). */
  address: string | null;
  subjectType: AuditSubjectType | null;
  subjectId: string | null;
  details: AuditDetails | null;
  /** The hash of the row before (64 zeros before the first). */
  prevHash: string;
  /** sha256 of this row's fields and `prevHash`. */
  hash: string;
}

export interface AuditPage {
  events: AuditEvent[];
  total: number;
  limit: number;
  offset: number;
}

/** Query of `GET /api/audit`; `userId` only for administrators (others always see their own). */
export interface AuditQuery {
  userId?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  /** Earliest time, ISO-8601 or ms since the epoch. */
  from?: string;
  /** Latest time, exclusive. */
  to?: string;
  limit?: number;
  offset?: number;
  format?: 'json' | 'csv';
}

/** Answer of `GET /api/audit/verify`: whether every row is as written and none is missing. */
export interface AuditVerification {
  ok: boolean;
  /** Rows whose hash was recomputed. */
  checked: number;
  /** The first row that was changed, or the first missing id. */
  firstBrokenId?: number;
  problem?: string;
  /** Rows up to this id were removed by retention; the chain is checked from the hash they ended with. */
  anchorId: number;
  /** The newest row: keep its hash somewhere else to detect a rewrite of the whole chain. */
  lastId: number;
  lastHash: string;
}
