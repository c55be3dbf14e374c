import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { RECOVERY_CODE_PATTERN, TWO_FACTOR_CODE_PATTERN, type ApiError, type LoginRequest } from '@lilux/contracts';
import { AuthSession } from '@lilux/web/auth';
import { fieldMessage, Language, type LanguageTexts, reasonOf } from '@lilux/web/data-access';

@Component({
  selector: 'lx-login-page',
  imports: [TranslocoPipe, ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatProgressBarModule],
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);
  private readonly language = inject(Language);

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
      this.error.set(describeLoginError(error, this.language));
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

function describeLoginError(error: unknown, language: LanguageTexts): string {
  const { t } = language;
  if (!(error instanceof HttpErrorResponse)) return t('errors.generic');
  if (reasonOf(error) === 'two_factor_required') return t('errors.reason.two_factor_required');
  if (reasonOf(error) === 'two_factor_invalid') {
    const fields = (error.error as ApiError).fields;
    const reason = fields?.['code'] ?? fields?.['recoveryCode'];
    return t('login.wrongCode', { reason: reason ? fieldMessage(reason, language) : t('login.isWrong') });
  }
  if (error.status === 401) return t('login.wrongPassword');
  if (error.status === 429) {
    const seconds = Number(error.headers.get('Retry-After'));
    return t('login.tooManyAttempts', { seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 60 });
  }
  if (error.status === 0) return t('errors.unreachable');
  // A refusal the console has no words of its own for is shown in the API's English.
  return (error.error as ApiError | null)?.message ?? t('login.serverAnswered', { status: error.status });
}
