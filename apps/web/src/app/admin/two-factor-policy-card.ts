import { ChangeDetectionStrategy, Component, inject, resource, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Toasts, TwoFactorApi } from '@lilux/web/data-access';
import { StepUp } from '../two-factor/step-up';

/** The administrators' switch: require two-factor authentication of every user. */
@Component({
  selector: 'lx-two-factor-policy-card',
  imports: [MatCardModule, MatProgressBarModule, MatSlideToggleModule],
  template: `
    <mat-card appearance="outlined">
      @if (policy.isLoading() || isSaving()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading" />
      }
      <mat-card-header>
        <h2 mat-card-title>Two-factor authentication</h2>
        <mat-card-subtitle>Users without it can still sign in, but only to set it up.</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (policy.hasValue()) {
          <mat-slide-toggle [checked]="policy.value().required" [disabled]="isSaving()" (change)="switch($event)">Require it of everyone</mat-slide-toggle>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    mat-card-content {
      padding-top: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoFactorPolicyCard {
  private readonly api = inject(TwoFactorApi);
  private readonly stepUp = inject(StepUp);
  private readonly toasts = inject(Toasts);
  protected readonly policy = resource({ loader: () => this.api.policy() });
  protected readonly isSaving = signal(false);

  protected async switch(change: MatSlideToggleChange): Promise<void> {
    const required = change.checked;
    this.isSaving.set(true);
    try {
      const saved = await this.stepUp.run(
        (proof) => this.api.setPolicy({ required, ...proof }),
        required ? 'Require two-factor authentication' : 'Stop requiring two-factor authentication',
      );
      if (saved) {
        this.policy.set(saved);
        this.toasts.success(saved.required ? 'Every user now needs two-factor authentication.' : 'Two-factor authentication is now up to each user.');
      }
    } finally {
      // A cancelled or refused change leaves the switch where the server has it.
      change.source.checked = this.policy.value()?.required ?? false;
      this.isSaving.set(false);
    }
  }
}
