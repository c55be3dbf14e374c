import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AbstractControl, FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_BYTES } from '@lilux/contracts';
import { AuthSession } from '@lilux/web/auth';
import { fieldErrorsOf, Language, Toasts, UsersApi } from '@lilux/web/data-access';
import { StepUp } from '../two-factor/step-up';
import { ExchangeAccounts } from './exchange-accounts';
import { LanguageCard } from './language-card';
import { NotificationsCard } from './notifications-card';
import { PaperAccountCard } from './paper-account-card';
import { SessionsCard } from './sessions-card';
import { TwoFactorCard } from './two-factor-card';

/** The password's length in bytes, as bcrypt counts it, within the server's bounds. */
function passwordLength(control: AbstractControl<string>): ValidationErrors | null {
  const bytes = new TextEncoder().encode(control.value).length;
  return bytes >= PASSWORD_MIN_BYTES && bytes <= PASSWORD_MAX_BYTES ? null : { length: true };
}

function sameAsNew(control: AbstractControl<string>): ValidationErrors | null {
  const newPassword = control.parent?.get('newPassword')?.value;
  return control.value === newPassword ? null : { mismatch: true };
}

@Component({
  selector: 'lx-settings-page',
  imports: [
    ReactiveFormsModule,
    TranslocoPipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ExchangeAccounts,
    NotificationsCard,
    LanguageCard,
    PaperAccountCard,
    SessionsCard,
    TwoFactorCard,
  ],
  templateUrl: './settings-page.html',
  styles: `
    .page {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      align-items: start;
      gap: 12px;
      padding: 12px;
    }
    @media (min-width: 900px) {
      .page {
        grid-template-columns: 400px minmax(0, 640px);
      }
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPage {
  private readonly users = inject(UsersApi);
  private readonly session = inject(AuthSession);
  private readonly toasts = inject(Toasts);
  private readonly stepUp = inject(StepUp);
  private readonly language = inject(Language);
  protected readonly minBytes = PASSWORD_MIN_BYTES;
  protected readonly maxBytes = PASSWORD_MAX_BYTES;

  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, passwordLength]],
    repeatPassword: ['', [Validators.required, sameAsNew]],
  });
  protected readonly isSaving = signal(false);
  protected readonly serverErrors = signal<Record<string, string>>({});

  constructor() {
    this.form.controls.newPassword.valueChanges.subscribe(() => this.form.controls.repeatPassword.updateValueAndValidity());
    this.form.valueChanges.subscribe(() => this.serverErrors.set({}));
  }

  protected async save(formDirective: FormGroupDirective): Promise<void> {
    if (this.form.invalid || this.isSaving()) {
      this.form.markAllAsTouched();
      return;
    }
    this.isSaving.set(true);
    try {
      const { currentPassword, newPassword } = this.form.getRawValue();
      const answer = await this.stepUp.run(
        (proof) => this.users.changePassword({ currentPassword, newPassword, ...proof }),
        this.language.t('settings.changeYourPassword'),
      );
      if (!answer) return;
      this.session.store(answer);
      // Through the directive, so the form is no longer 'submitted' and the emptied fields show no errors.
      formDirective.resetForm();
      this.toasts.success(this.language.t('settings.passwordChanged'));
    } catch (error) {
      this.serverErrors.set(fieldErrorsOf(error, this.language));
    } finally {
      this.isSaving.set(false);
    }
  }
}
