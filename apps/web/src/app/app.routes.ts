import { Route } from '@angular/router';
import { authGuard } from '@lilux/web/auth';
import { adminGuard } from './admin.guard';

export const appRoutes: Route[] = [
  { path: 'login', title: 'Sign in · Lilux', loadComponent: () => import('./login/login-page').then((m) => m.LoginPage) },
  {
    path: 'two-factor-setup',
    title: 'Two-factor authentication · Lilux',
    canActivate: [authGuard],
    loadComponent: () => import('./two-factor/two-factor-setup-page').then((m) => m.TwoFactorSetupPage),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', title: 'Dashboard · Lilux', loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage) },
      { path: 'settings', title: 'Settings · Lilux', loadComponent: () => import('./settings/settings-page').then((m) => m.SettingsPage) },
      {
        path: 'admin',
        title: 'Users · Lilux',
        canMatch: [adminGuard],
        loadComponent: () => import('./admin/admin-page').then((m) => m.AdminPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
