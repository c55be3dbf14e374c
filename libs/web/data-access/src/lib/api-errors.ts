import { HttpContextToken, HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import type { ApiError, ApiErrorReason } from '@lilux/contracts';
import { catchError, throwError } from 'rxjs';
import { Toasts } from './toasts';

/**
 * Set on a request whose refusals the page shows itself, next to the fields they name: a toast would say the
 * same thing twice. Failures that name no field still become a toast.
 */
export const SHOWN_NEXT_TO_FIELDS = new HttpContextToken<boolean>(() => false);

/** Set on a request whose every failure the page shows where it happened (a connection check): never a toast. */
export const FAILURES_SHOWN_BY_PAGE = new HttpContextToken<boolean>(() => false);

/** One sentence a trader can act on, for any failed request. */
export function describeHttpError(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) return 'Something went wrong. Please try again.';
  if (error.status === 0) return 'The Lilux server cannot be reached.';
  if (error.status === 429) {
    const seconds = Number(error.headers.get('Retry-After'));
    return `Too many requests. Try again in ${Number.isFinite(seconds) && seconds > 0 ? seconds : 60} seconds.`;
  }
  const body = error.error as Partial<ApiError> | null;
  if (body && typeof body.message === 'string') return body.message;
  return `The server answered ${error.status} ${error.statusText}.`.trim();
}

/** The fields a 400 names, each with what is wrong with it; empty for any other failure. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof HttpErrorResponse) || error.status !== 400) return {};
  return (error.error as Partial<ApiError> | null)?.fields ?? {};
}

/** Why the API refused, for the refusals the console answers with a step of its own (asking a two-factor code). */
export function reasonOf(error: unknown): ApiErrorReason | undefined {
  return error instanceof HttpErrorResponse ? (error.error as Partial<ApiError> | null)?.reason : undefined;
}

/** Refusals the console answers by asking for a code or leading to enrolment: not something to toast. */
const ANSWERED_BY_THE_CONSOLE: (ApiErrorReason | undefined)[] = ['two_factor_required', 'two_factor_enrolment_required'];

/** Turns failed API requests into toasts; a 401 is the auth interceptor's (it logs out), not a toast. */
export const errorInterceptor: HttpInterceptorFn = (request, next) => {
  const toasts = inject(Toasts);
  return next(request).pipe(
    catchError((error: unknown) => {
      const hasFields = Object.keys(fieldErrorsOf(error)).length > 0;
      const isLogout = error instanceof HttpErrorResponse && error.status === 401;
      const isShownByPage =
        request.context.get(FAILURES_SHOWN_BY_PAGE) ||
        (hasFields && request.context.get(SHOWN_NEXT_TO_FIELDS)) ||
        ANSWERED_BY_THE_CONSOLE.includes(reasonOf(error));
      if (!isLogout && !isShownByPage) toasts.error(describeHttpError(error));
      return throwError(() => error);
    }),
  );
};
