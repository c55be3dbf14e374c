import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuditOutcome } from '@lilux/contracts';
import { DomainError, FieldValidationError } from '@lilux/api/shared';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import type { AuditFacts } from './audit-details';
import { AuditLog } from './audit-log';
import { AuditedRouteOf, AUDITED_ROUTE } from './audited';
import type { AuditViewer } from './audit-viewer';

/** What this interceptor reads of a Fastify request; `user` is attached by the JWT guard on non-public routes. */
interface AuditedRequest {
  ip: string;
  user?: AuditViewer;
  body?: unknown;
  params?: Record<string, string | undefined>;
}

/** Records the calls of routes marked {@link Audited}; other routes pass through untouched. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<AuditedRouteOf | undefined>(AUDITED_ROUTE, context.getHandler());
    if (!route || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const params = request.params ?? {};
    const record = (outcome: AuditOutcome, result: unknown, failure: AuditFacts = {}) => {
      const call = { body, params, result };
      return this.audit.record({
        actorId: request.user?.id,
        actorName: request.user?.username,
        action: route.action,
        outcome,
        address: request.ip,
        subjectType: route.subjectType,
        subjectId: route.subjectId ? route.subjectId(call) : params['id'],
        details: { ...route.details?.(call), ...failure },
      });
    };
    return next.handle().pipe(
      mergeMap((result) => {
        const recorded = record(route.outcomeOf?.(result) ?? 'ok', result);
        return route.isAnsweredFirst ? [result] : from(recorded.then(() => result));
      }),
      catchError((error: unknown) => {
        const recorded = record(outcomeOfStatus(statusOf(error)), undefined, failureOf(error));
        return route.isAnsweredFirst ? throwError(() => error) : from(recorded.then(() => Promise.reject(error)));
      }),
    );
  }
}

function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  if (error instanceof DomainError) return error.status;
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' ? statusCode : HttpStatus.INTERNAL_SERVER_ERROR;
}

function outcomeOfStatus(status: number): AuditOutcome {
  if (status === HttpStatus.TOO_MANY_REQUESTS) return 'throttled';
  return status >= 400 && status < 500 ? 'failed' : 'error';
}

/**
 * The status, the names of the fields at fault, and the refusal's own text when Lilux wrote it (a domain or HTTP
 * error, such as the exchange's reason for rejecting an order). An unexpected error's text could hold anything.
 */
function failureOf(error: unknown): AuditFacts {
  const fields = error instanceof FieldValidationError ? error.fields : error instanceof DomainError ? error.fields : undefined;
  const reason = error instanceof DomainError || error instanceof HttpException ? error.message : undefined;
  return { httpStatus: statusOf(error), fields: fields ? Object.keys(fields).join(',') : undefined, reason };
}
