import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { SignedInUser } from '@lilux/web/auth';
import { ActiveAccount, describeHttpError, Language, Toasts, TradingApi } from '@lilux/web/data-access';
import { confirmed } from '../confirm-dialog';

/** The paper account: when it opened, what it holds, and a fresh start that archives it rather than erasing it. */
@Component({
  selector: 'lx-paper-account-card',
  imports: [DatePipe, DecimalPipe, MatButtonModule, MatCardModule, MatProgressBarModule],
  template: `
    <mat-card appearance="outlined" data-testid="paper-account">
      <mat-card-header>
        <h2 mat-card-title>Paper account</h2>
        <mat-card-subtitle>Simulated money on live prices: practise without keys or risk.</mat-card-subtitle>
      </mat-card-header>
      @if (isResetting()) {
        <mat-progress-bar mode="indeterminate" aria-label="Resetting" />
      }
      <mat-card-content>
        @if (paper(); as account) {
          <p>
            Opened {{ account.createdAt | date: 'medium' }}.
            @for (balance of account.balances; track balance.asset) {
              <span class="balance">{{ balance.free | number: '1.2-8' }} {{ balance.asset }}</span>
            }
          </p>
        }
        @if (signedIn.canTrade()) {
          <p class="hint">
            Resetting cancels its open orders and archives it with its trades and equity curve (the trades stay in the trade history), then opens a new paper
            account with the starting balance.
          </p>
          <button mat-stroked-button type="button" (click)="reset()" [disabled]="isResetting() || !paper()">Reset paper account</button>
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
  private readonly language = inject(Language);
  protected readonly signedIn = inject(SignedInUser);

  protected readonly paper = computed(
    () => (this.active.accounts.hasValue() ? this.active.accounts.value() : []).find((account) => account.kind === 'paper') ?? null,
  );
  protected readonly isResetting = signal(false);

  protected async reset(): Promise<void> {
    const isGoingAhead = await confirmed(this.dialog, {
      title: 'Reset the paper account?',
      message:
        'Its open orders are cancelled, and the account is archived with its trades and equity curve: the trades stay in the trade history. ' +
        'A new paper account opens with the starting balance, and the dashboard shows it.',
      action: 'Reset',
    });
    if (!isGoingAhead) return;
    const wasShown = this.active.account()?.id === this.paper()?.id;
    this.isResetting.set(true);
    try {
      const fresh = await this.api.resetPaperAccount();
      if (wasShown) this.active.choose(fresh.id);
      this.active.reload();
      this.toasts.success('The paper account starts afresh; the old one is archived');
    } catch (error) {
      this.toasts.error(describeHttpError(error, this.language));
    } finally {
      this.isResetting.set(false);
    }
  }
}
