import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import type { ApiError } from '@lilux/contracts';
import { AuthSession } from '@lilux/web/auth';

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
  });
  protected readonly isSubmitting = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.isSubmitting()) {
      this.form.markAllAsTouched();
      return;
    }
    this.isSubmitting.set(true);
    this.error.set(null);
    try {
      await this.session.login(this.form.getRawValue());
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.error.set(describeLoginError(error));
    } finally {
      this.isSubmitting.set(false);
    }
  }
}

/** Only paths inside the console, so a crafted link cannot send the user elsewhere after login. */
function safeReturnUrl(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/login') ? url : '/';
}

function describeLoginError(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) return 'Something went wrong. Please try again.';
  if (error.status === 401) return 'Wrong username or password.';
  if (error.status === 429) {
    const seconds = Number(error.headers.get('Retry-After'));
    return `Too many attempts. Try again in ${Number.isFinite(seconds) && seconds > 0 ? seconds : 60} seconds.`;
  }
  if (error.status === 0) return 'The Lilux server cannot be reached.';
  return (error.error as ApiError | null)?.message ?? `The server answered ${error.status}.`;
}
