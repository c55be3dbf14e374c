import { Route } from '@angular/router';
import { authGuard } from '@lilux/web/auth';

export const appRoutes: Route[] = [
  { path: 'login', title: 'Sign in · Lilux', loadComponent: () => import('./login/login-page').then((m) => m.LoginPage) },
  {
    path: '',
    title: 'Dashboard · Lilux',
    canActivate: [authGuard],
    loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage),
  },
  { path: '**', redirectTo: '' },
];
