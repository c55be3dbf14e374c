import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { RECOVERY_CODE_PATTERN, TWO_FACTOR_CODE_PATTERN, type TwoFactorProof } from '@lilux/contracts';
import { fieldErrorsOf, Language, reasonOf } from '@lilux/web/data-access';

export interface StepUpDialogData<T> {
  /** The change to send again with the proof. */
  action: (proof: TwoFactorProof) => Promise<T>;
  /** What is being confirmed, as the dialog's title says it ("Change your password"). */
  what: string;
}

/** How the dialog ended: the change went through, or it was refused for something else than the code. */
export type StepUpOutcome<T> = { result: T } | { error: unknown };

/** Asks for the code of the authenticator app (or a recovery code) and sends the change with it. */
@Component({
  selector: 'lx-step-up-dialog',
  imports: [ReactiveFormsModule, TranslocoPipe, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule],
  template: `
    @if (isSending()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    <h2 mat-dialog-title>{{ data.what }}</h2>
    <form [formGroup]="form" (ngSubmit)="send()" novalidate>
      <mat-dialog-content>
        <p>{{ (useRecoveryCode() ? 'stepUp.confirmWithCodeOrRecovery' : 'stepUp.confirmWithCode') | transloco }}</p>
        @if (useRecoveryCode()) {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'login.recoveryCode' | transloco }}</mat-label>
            <input matInput formControlName="recoveryCode" autocomplete="off" spellcheck="false" cdkFocusInitial />
          </mat-form-field>
        } @else {
          <mat-form-field appearance="outline">
            <mat-label>{{ 'login.code' | transloco }}</mat-label>
            <input matInput formControlName="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" cdkFocusInitial />
          </mat-form-field>
        }
        @if (problem(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <button mat-button type="button" (click)="switchKind()">{{ (useRecoveryCode() ? 'login.useAppCode' : 'stepUp.useRecoveryCode') | transloco }}</button>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="isSending()">{{ 'common.confirm' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StepUpDialog<T> {
  protected readonly data = inject<StepUpDialogData<T>>(MAT_DIALOG_DATA);
  private readonly dialog = inject<MatDialogRef<StepUpDialog<T>, StepUpOutcome<T>>>(MatDialogRef);
  private readonly language = inject(Language);

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(TWO_FACTOR_CODE_PATTERN)]],
    recoveryCode: ['', [Validators.required, Validators.pattern(RECOVERY_CODE_PATTERN)]],
  });
  protected readonly useRecoveryCode = signal(false);
  protected readonly isSending = signal(false);
  protected readonly problem = signal<string | null>(null);

  protected switchKind(): void {
    this.useRecoveryCode.update((use) => !use);
    this.problem.set(null);
  }

  protected async send(): Promise<void> {
    const control = this.useRecoveryCode() ? this.form.controls.recoveryCode : this.form.controls.code;
    if (control.invalid) {
      this.problem.set(this.language.t(this.useRecoveryCode() ? 'stepUp.enterRecoveryCode' : 'stepUp.enterCode'));
      return;
    }
    if (this.isSending()) return;
    this.isSending.set(true);
    this.problem.set(null);
    try {
      const proof = this.useRecoveryCode() ? { recoveryCode: control.value.trim() } : { code: control.value.trim() };
      this.dialog.close({ result: await this.data.action(proof) });
    } catch (error) {
      const fields = fieldErrorsOf(error, this.language);
      const codeProblem = fields['code'] ?? fields['recoveryCode'];
      // A wrong code is asked again here; anything else goes back to the page that made the change.
      if (codeProblem && reasonOf(error) === 'two_factor_invalid') this.problem.set(this.language.t('stepUp.wrongCode', { reason: codeProblem }));
      else this.dialog.close({ error });
    } finally {
      this.isSending.set(false);
    }
  }
}
