import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { RECOVERY_CODE_PATTERN, TWO_FACTOR_CODE_PATTERN, type ApiError, type LoginRequest } from '@lilux/contracts';
import { AuthSession } from '@lilux/web/auth';
import { reasonOf } from '@lilux/web/data-access';

@Component({
  selector: 'lx-login-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatProgressBarModule],
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  /** The page the user was sent away from, from `?returnUrl=`. */
  readonly returnUrl = input<string>('/');

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
    // Asked once the server says this user has two-factor authentication; the password stays in the form meanwhile.
    code: [{ value: '', disabled: true }, [Validators.required, Validators.pattern(TWO_FACTOR_CODE_PATTERN)]],
    recoveryCode: [{ value: '', disabled: true }, [Validators.required, Validators.pattern(RECOVERY_CODE_PATTERN)]],
  });
  protected readonly isSubmitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly asksForCode = signal(false);
  protected readonly useRecoveryCode = signal(false);

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.isSubmitting()) {
      this.form.markAllAsTouched();
      return;
    }
    this.isSubmitting.set(true);
    this.error.set(null);
    try {
      await this.session.login(this.credentials());
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      if (reasonOf(error) === 'two_factor_required') this.askForCode();
      this.error.set(describeLoginError(error));
    } finally {
      this.isSubmitting.set(false);
    }
  }

  protected switchCodeKind(): void {
    this.useRecoveryCode.update((use) => !use);
    this.askForCode();
  }

  /** Only the enabled fields: the code, or the recovery code, once asked for. */
  private credentials(): LoginRequest {
    const { username, password, code, recoveryCode } = this.form.value;
    return {
      username: username ?? '',
      password: password ?? '',
      ...(code ? { code: code.trim() } : {}),
      ...(recoveryCode ? { recoveryCode: recoveryCode.trim() } : {}),
    };
  }

  private askForCode(): void {
    this.asksForCode.set(true);
    const [shown, hidden] = this.useRecoveryCode()
      ? [this.form.controls.recoveryCode, this.form.controls.code]
      : [this.form.controls.code, this.form.controls.recoveryCode];
    shown.enable();
    hidden.disable();
    hidden.reset();
  }
}

/** Only paths inside the console, so a crafted link cannot send the user elsewhere after login. */
function safeReturnUrl(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/login') ? url : '/';
}

function describeLoginError(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) return 'Something went wrong. Please try again.';
  if (reasonOf(error) === 'two_factor_required') return 'Enter the code your authenticator app shows.';
  if (reasonOf(error) === 'two_factor_invalid')
    return `That code ${(error.error as ApiError).fields?.['code'] ?? (error.error as ApiError).fields?.['recoveryCode'] ?? 'is wrong'}.`;
  if (error.status === 401) return 'Wrong username or password.';
  if (error.status === 429) {
    const seconds = Number(error.headers.get('Retry-After'));
    return `Too many attempts. Try again in ${Number.isFinite(seconds) && seconds > 0 ? seconds : 60} seconds.`;
  }
  if (error.status === 0) return 'The Lilux server cannot be reached.';
  return (error.error as ApiError | null)?.message ?? `The server answered ${error.status}.`;
}
