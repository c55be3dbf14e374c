import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthSession } from '@lilux/web/auth';
import { ActiveAccount } from '@lilux/web/data-access';
import { TwoFactorCard } from '../settings/two-factor-card';
import { TWO_FACTOR_SETUP_PATH } from './enrolment-required.interceptor';

/**
 * Where a user lands while an administrator requires two-factor authentication they have not set up: every
 * other page is refused until then, so this one stands outside the shell, which loads them.
 */
@Component({
  selector: 'lx-two-factor-setup-page',
  imports: [MatButtonModule, TranslocoPipe, TwoFactorCard],
  template: `
    <main class="setup" id="main">
      <h1 class="visually-hidden">{{ 'twoFactor.setUp' | transloco }}</h1>
      <div class="setup__column">
        <lx-two-factor-card (enabled)="continue()" />
        <button mat-button type="button" (click)="logout()">{{ 'shell.signOut' | transloco }}</button>
      </div>
    </main>
  `,
  styles: `
    .setup {
      min-height: 100vh;
      display: grid;
      place-items: center;
      padding: 24px;
    }
    .setup__column {
      width: min(480px, 100%);
      display: flex;
      flex-direction: column;
      align-items: end;
      gap: 8px;
    }
    lx-two-factor-card {
      display: block;
      align-self: stretch;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoFactorSetupPage {
  private readonly router = inject(Router);
  private readonly session = inject(AuthSession);
  private readonly active = inject(ActiveAccount);

  /** The page the user was on when the API asked for enrolment, from `?returnUrl=`. */
  readonly returnUrl = input<string>('/');

  protected async continue(): Promise<void> {
    // Loaded, and refused, before enrolment.
    this.active.reload();
    this.active.capabilities.reload();
    await this.router.navigateByUrl(pageToReturnTo(this.returnUrl()));
  }

  protected async logout(): Promise<void> {
    await this.session.logout();
    await this.router.navigateByUrl('/login');
  }
}

/** Only pages inside the console's shell; the login page (the URL while a login still navigates) counts as none. */
function pageToReturnTo(url: string): string {
  const isShellPage = url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/login') && !url.startsWith(TWO_FACTOR_SETUP_PATH);
  return isShellPage ? url : '/';
}
