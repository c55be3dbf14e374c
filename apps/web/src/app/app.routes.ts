import { Route } from '@angular/router';
import { authGuard } from '@lilux/web/auth';
import { adminGuard } from './admin.guard';

export const appRoutes: Route[] = [
  { path: 'login', title: 'pages.signIn', loadComponent: () => import('./login/login-page').then((m) => m.LoginPage) },
  {
    path: 'two-factor-setup',
    title: 'pages.twoFactor',
    canActivate: [authGuard],
    loadComponent: () => import('./two-factor/two-factor-setup-page').then((m) => m.TwoFactorSetupPage),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', title: 'pages.dashboard', loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage) },
      { path: 'settings', title: 'pages.settings', loadComponent: () => import('./settings/settings-page').then((m) => m.SettingsPage) },
      {
        path: 'admin',
        title: 'pages.users',
        canMatch: [adminGuard],
        loadComponent: () => import('./admin/admin-page').then((m) => m.AdminPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
