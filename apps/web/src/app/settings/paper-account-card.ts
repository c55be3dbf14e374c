import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { SignedInUser } from '@lilux/web/auth';
import { ActiveAccount, AmountPipe, explainHttpError, Language, Toasts, TradingApi } from '@lilux/web/data-access';
import { confirmed } from '../confirm-dialog';

/** The paper account: when it opened, what it holds, and a fresh start that archives it rather than erasing it. */
@Component({
  selector: 'lx-paper-account-card',
  imports: [AmountPipe, DatePipe, TranslocoPipe, MatButtonModule, MatCardModule, MatProgressBarModule],
  template: `
    <mat-card appearance="outlined" data-testid="paper-account">
      <mat-card-header>
        <h2 mat-card-title>{{ 'paperAccount.title' | transloco }}</h2>
        <mat-card-subtitle>{{ 'paperAccount.subtitle' | transloco }}</mat-card-subtitle>
      </mat-card-header>
      @if (isResetting()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'paperAccount.resetting' | transloco" />
      }
      <mat-card-content>
        @if (paper(); as account) {
          <p>
            {{ 'paperAccount.opened' | transloco: { date: account.createdAt | date: 'medium' : undefined : language.locale() } }}
            @for (balance of account.balances; track balance.asset) {
              <span class="balance">{{ balance.free | amount: balance.asset }} {{ balance.asset }}</span>
            }
          </p>
        }
        @if (signedIn.canTrade()) {
          <p class="hint">
            {{ 'paperAccount.resetHint' | transloco }}
          </p>
          <button mat-stroked-button type="button" (click)="reset()" [disabled]="isResetting() || !paper()">{{ 'paperAccount.reset' | transloco }}</button>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .balance {
      margin-left: 8px;
      font-variant-numeric: tabular-nums;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaperAccountCard {
  private readonly api = inject(TradingApi);
  private readonly active = inject(ActiveAccount);
  private readonly dialog = inject(MatDialog);
  private readonly toasts = inject(Toasts);
  protected readonly language = inject(Language);
  protected readonly signedIn = inject(SignedInUser);

  protected readonly paper = computed(
    () => (this.active.accounts.hasValue() ? this.active.accounts.value() : []).find((account) => account.kind === 'paper') ?? null,
  );
  protected readonly isResetting = signal(false);

  protected async reset(): Promise<void> {
    const isGoingAhead = await confirmed(this.dialog, {
      title: this.language.t('paperAccount.confirmTitle'),
      message: this.language.t('paperAccount.confirmMessage'),
      action: this.language.t('paperAccount.confirmAction'),
    });
    if (!isGoingAhead) return;
    const wasShown = this.active.account()?.id === this.paper()?.id;
    this.isResetting.set(true);
    try {
      const fresh = await this.api.resetPaperAccount();
      if (wasShown) this.active.choose(fresh.id);
      this.active.reload();
      this.toasts.success(this.language.t('paperAccount.done'));
    } catch (error) {
      this.toasts.explained(explainHttpError(error, this.language));
    } finally {
      this.isResetting.set(false);
    }
  }
}
