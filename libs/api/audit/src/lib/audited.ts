import { SetMetadata } from '@nestjs/common';
import type { AuditAction, AuditOutcome, AuditSubjectType } from '@lilux/contracts';
import type { AuditFacts } from './audit-details';

/** What a route's handler was called with, and what it answered (absent when it threw). */
export interface AuditedCall<TBody, TResult> {
  /** The body as the client sent it: on a refused request, not validated. */
  body: Partial<TBody>;
  params: Record<string, string | undefined>;
  result?: TResult;
}

export interface AuditedRoute<TBody = unknown, TResult = unknown> {
  subjectType?: AuditSubjectType;
  /** The subject's id; by default the route's `:id`. */
  subjectId?: (call: AuditedCall<TBody, TResult>) => string | null | undefined;
  /** Facts to keep, picked one by one: never a password, key, secret or token (the log redacts such names anyway). */
  details?: (call: AuditedCall<TBody, TResult>) => AuditFacts;
  /** For an answer that is a refusal in all but its status code (an order its exchange rejected). */
  outcomeOf?: (result: TResult) => AuditOutcome;
  /**
   * The order path: the answer goes without waiting for the record, which is written in the next group all the
   * same. The order is committed before either, so waiting would only slow orders down; a crash in that instant
   * loses the record (the order and its status history stay in the ledger).
   */
  isAnsweredFirst?: boolean;
}

export interface AuditedRouteOf extends AuditedRoute<unknown, unknown> {
  action: AuditAction;
}

export const AUDITED_ROUTE = 'lilux:auditedRoute';

/**
 * Records every call of the route in the audit log once it is answered: the caller, the client address, the
 * outcome (`ok`, or from the error's status: 429 `throttled`, 4xx `failed`, else `error`) and the facts
 * `route.details` picks. The answer waits for the record (unless `route.isAnsweredFirst`); a record that cannot
 * be written is logged and the answer stands (see AuditLog.record).
 */
export const Audited = <TBody = unknown, TResult = unknown>(action: AuditAction, route: AuditedRoute<TBody, TResult> = {}) =>
  SetMetadata(AUDITED_ROUTE, { action, ...route } as AuditedRouteOf);
