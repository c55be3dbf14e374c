import { HttpErrorResponse, HttpEvent, HttpHandlerFn, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, Observable, switchMap, throwError } from 'rxjs';
import { AuthSession } from './auth-session';

/** Routes that take no bearer token and whose 401 means what it says (wrong password, no session). */
const SESSION_ROUTES = new Set(['/api/auth/login', '/api/auth/refresh']);

/**
 * Attaches the session's token to requests for our own API (relative `/api/...` URLs only, so it never leaks to
 * another host). A token about to expire is renewed first; a 401 renews it once (requests failing together share
 * one refresh) and retries. When the session cannot be renewed, the user goes to login, the page remembered.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith('/api/') || SESSION_ROUTES.has(request.url)) return next(request);
  const session = inject(AuthSession);
  const token = session.token();
  if (token === null) return next(request);
  let sentToken: string | null = token;
  const sent = session.isFresh()
    ? sendWith(request, next, token)
    : from(session.refresh()).pipe(
        switchMap((fresh) => {
          // Not renewed: refused (the session is over), or the server unreachable (the old token may still do).
          sentToken = fresh ?? session.token();
          if (sentToken === null) session.signInAgain();
          return sendWith(request, next, sentToken);
        }),
      );
  return sent.pipe(
    catchError((error: unknown) => {
      if (!isUnauthorized(error) || sentToken === null) return throwError(() => error);
      return from(renewedSince(session, sentToken)).pipe(
        switchMap((renewed) => {
          if (renewed === null) {
            session.signInAgain();
            return throwError(() => error);
          }
          return sendWith(request, next, renewed).pipe(
            catchError((retryError: unknown) => {
              if (isUnauthorized(retryError)) session.signInAgain();
              return throwError(() => retryError);
            }),
          );
        }),
      );
    }),
  );
};

function sendWith(request: HttpRequest<unknown>, next: HttpHandlerFn, token: string | null): Observable<HttpEvent<unknown>> {
  return next(token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request);
}

/** A token newer than the refused one: the one another request's refresh already brought, or a refresh's. */
async function renewedSince(session: AuthSession, refused: string): Promise<string | null> {
  const current = session.token();
  return current !== null && current !== refused ? current : session.refresh();
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 401;
}
