import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { reasonOf } from '@lilux/web/data-access';
import { catchError, throwError } from 'rxjs';

export const TWO_FACTOR_SETUP_PATH = '/two-factor-setup';

/**
 * While an administrator requires two-factor authentication and this user has none, every page's requests are
 * refused (`two_factor_enrolment_required`): lead the user to set it up, then back to the page they wanted.
 */
export const enrolmentRequiredInterceptor: HttpInterceptorFn = (request, next) => {
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (reasonOf(error) === 'two_factor_enrolment_required' && !router.url.startsWith(TWO_FACTOR_SETUP_PATH)) {
        void router.navigate([TWO_FACTOR_SETUP_PATH], { queryParams: { returnUrl: router.url } });
      }
      return throwError(() => error);
    }),
  );
};
