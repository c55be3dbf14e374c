import { inject } from '@angular/core';
import { CanMatchFn, Router } from '@angular/router';
import { AuthSession } from '@lilux/web/auth';

/** Administrators only; the server refuses the others anyway, this spares them a page of errors. */
export const adminGuard: CanMatchFn = async () => {
  try {
    if ((await inject(AuthSession).currentUser()).role === 'admin') return true;
  } catch {
    // Treated like a trader: the interceptors have said what went wrong.
  }
  return inject(Router).createUrlTree(['/']);
};
