import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthSession } from './auth-session';

/** Lets signed-in users through; sends others to login with the page they wanted. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(AuthSession).isAuthenticated()) return true;
  return inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};
