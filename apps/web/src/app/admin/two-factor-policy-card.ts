import { ChangeDetectionStrategy, Component, inject, resource, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import { Language, Toasts, TwoFactorApi } from '@lilux/web/data-access';
import { StepUp } from '../two-factor/step-up';

/** The administrators' switch: require two-factor authentication of every user. */
@Component({
  selector: 'lx-two-factor-policy-card',
  imports: [MatCardModule, MatProgressBarModule, MatSlideToggleModule, TranslocoPipe],
  template: `
    <mat-card appearance="outlined">
      @if (policy.isLoading() || isSaving()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      <mat-card-header>
        <h2 mat-card-title>{{ 'twoFactor.title' | transloco }}</h2>
        <mat-card-subtitle>{{ 'admin.policy.subtitle' | transloco }}</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (policy.hasValue()) {
          <mat-slide-toggle [checked]="policy.value().required" [disabled]="isSaving()" (change)="switch($event)">{{
            'admin.policy.requireEveryone' | transloco
          }}</mat-slide-toggle>
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
  private readonly language = inject(Language);
  protected readonly policy = resource({ loader: () => this.api.policy() });
  protected readonly isSaving = signal(false);

  protected async switch(change: MatSlideToggleChange): Promise<void> {
    const required = change.checked;
    this.isSaving.set(true);
    try {
      const saved = await this.stepUp.run(
        (proof) => this.api.setPolicy({ required, ...proof }),
        this.language.t(required ? 'admin.policy.require' : 'admin.policy.stopRequiring'),
      );
      if (saved) {
        this.policy.set(saved);
        this.toasts.success(this.language.t(saved.required ? 'admin.policy.required' : 'admin.policy.optional'));
      }
    } finally {
      // A cancelled or refused change leaves the switch where the server has it.
      change.source.checked = this.policy.value()?.required ?? false;
      this.isSaving.set(false);
    }
  }
}
