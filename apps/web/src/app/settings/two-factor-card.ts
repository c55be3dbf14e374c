import { ChangeDetectionStrategy, Component, inject, output, resource, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { TWO_FACTOR_CODE_PATTERN, type TwoFactorEnrolment } from '@lilux/contracts';
import { fieldErrorsOf, Language, Toasts, TwoFactorApi } from '@lilux/web/data-access';
import { StepUp } from '../two-factor/step-up';

/** Where the card stands besides what the server says: an enrolment shown, or recovery codes to save. */
type Stage = { kind: 'idle' } | { kind: 'enrolling'; enrolment: TwoFactorEnrolment } | { kind: 'codes'; recoveryCodes: string[] };

/** Two-factor authentication: set up an authenticator app, keep recovery codes, turn it off. */
@Component({
  selector: 'lx-two-factor-card',
  imports: [ReactiveFormsModule, TranslocoPipe, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatProgressBarModule],
  templateUrl: './two-factor-card.html',
  styleUrl: './two-factor-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoFactorCard {
  private readonly api = inject(TwoFactorApi);
  private readonly stepUp = inject(StepUp);
  private readonly toasts = inject(Toasts);
  private readonly language = inject(Language);
  private readonly formBuilder = inject(NonNullableFormBuilder);

  /** Emitted once two-factor authentication is on and the recovery codes were put away. */
  readonly enabled = output<void>();

  protected readonly status = resource({ loader: () => this.api.status() });
  protected readonly stage = signal<Stage>({ kind: 'idle' });
  protected readonly isBusy = signal(false);
  protected readonly serverErrors = signal<Record<string, string>>({});

  protected readonly startForm = this.formBuilder.group({ password: ['', Validators.required] });
  protected readonly confirmForm = this.formBuilder.group({ code: ['', [Validators.required, Validators.pattern(TWO_FACTOR_CODE_PATTERN)]] });
  protected readonly disableForm = this.formBuilder.group({ password: ['', Validators.required] });

  /** The secret in groups of four, as apps let it be typed. */
  protected grouped(secret: string): string {
    return secret.replace(/(.{4})(?=.)/g, '$1 ');
  }

  protected start(): Promise<void> {
    return this.busy(this.startForm, async () => {
      const enrolment = await this.api.startEnrolment(this.startForm.getRawValue().password);
      this.startForm.reset();
      this.stage.set({ kind: 'enrolling', enrolment });
    });
  }

  protected confirm(): Promise<void> {
    return this.busy(this.confirmForm, async () => {
      const { recoveryCodes } = await this.api.confirmEnrolment(this.confirmForm.getRawValue().code.trim());
      this.confirmForm.reset();
      this.stage.set({ kind: 'codes', recoveryCodes });
      this.status.reload();
    });
  }

  protected cancelEnrolment(): void {
    this.stage.set({ kind: 'idle' });
    this.confirmForm.reset();
  }

  protected doneWithCodes(): void {
    this.stage.set({ kind: 'idle' });
    this.enabled.emit();
  }

  protected regenerate(): Promise<void> {
    return this.busy(null, async () => {
      const answer = await this.stepUp.run((proof) => this.api.regenerateRecoveryCodes(proof), this.language.t('twoFactor.newCodes'));
      if (!answer) return;
      this.stage.set({ kind: 'codes', recoveryCodes: answer.recoveryCodes });
      this.status.reload();
    });
  }

  protected disable(): Promise<void> {
    return this.busy(this.disableForm, async () => {
      const { password } = this.disableForm.getRawValue();
      const done = await this.stepUp.run((proof) => this.api.disable({ password, ...proof }).then(() => true), this.language.t('twoFactor.turnOff'));
      if (!done) return;
      this.disableForm.reset();
      this.toasts.success(this.language.t('twoFactor.isOff'));
      this.status.reload();
    });
  }

  /** Runs one request at a time, showing what the server says of the form's fields next to them. */
  private async busy(form: { invalid: boolean; markAllAsTouched(): void } | null, work: () => Promise<void>): Promise<void> {
    if (form?.invalid) {
      form.markAllAsTouched();
      return;
    }
    if (this.isBusy()) return;
    this.isBusy.set(true);
    this.serverErrors.set({});
    try {
      await work();
    } catch (error) {
      this.serverErrors.set(fieldErrorsOf(error, this.language));
    } finally {
      this.isBusy.set(false);
    }
  }
}
