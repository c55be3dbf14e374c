import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, TitleStrategy, withComponentInputBinding } from '@angular/router';
import { AuthSession, authInterceptor } from '@lilux/web/auth';
import { errorInterceptor, provideConsoleLanguage } from '@lilux/web/data-access';
import { appRoutes } from './app.routes';
import { ConsoleTitleStrategy } from './console-title-strategy';
import { enrolmentRequiredInterceptor } from './two-factor/enrolment-required.interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideConsoleLanguage(),
    provideRouter(appRoutes, withComponentInputBinding()),
    // Route titles are keys of the console's dictionaries.
    { provide: TitleStrategy, useClass: ConsoleTitleStrategy },
    // The auth interceptor sits outside: it sees a 401 first and ends the session; the error one toasts the rest.
    provideHttpClient(withInterceptors([authInterceptor, enrolmentRequiredInterceptor, errorInterceptor])),
    // The access token lives in memory only: after a reload, the refresh cookie brings a new one before any page.
    provideAppInitializer(() => inject(AuthSession).restore()),
  ],
};
