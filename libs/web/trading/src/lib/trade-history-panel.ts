import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { TranslocoPipe } from '@jsverse/transloco';
import type { TradePage } from '@lilux/contracts';
import { AmountPipe, Language, PricePipe, TradingApi } from '@lilux/web/data-access';
import { withTradeOnFirstPage } from './ledger-patches';
import { TradingStore } from './trading-store';

/** Rows of a page of the trade history. */
const PAGE_SIZE = 25;

/**
 * Every fill of the account, newest first, walked a page at a time by cursor (Older / Newer), so that a page costs
 * the same at the millionth fill as at the first; all of them download as CSV.
 */
@Component({
  selector: 'lx-trade-history-panel',
  imports: [AmountPipe, DatePipe, PricePipe, TranslocoPipe, MatButtonModule, MatProgressBarModule, MatTableModule],
  template: `
    <div class="toolbar">
      <button mat-stroked-button type="button" (click)="download()" [disabled]="isDownloading()">{{ 'trades.downloadCsv' | transloco }}</button>
    </div>
    @if (isLoading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    @if (page(); as current) {
      @if (current.trades.length === 0 && isNewest()) {
        <p class="empty">{{ 'trades.none' | transloco }}</p>
      } @else {
        <div class="scroll">
          <table mat-table [dataSource]="current.trades" class="dense" data-testid="trades">
            <ng-container matColumnDef="time">
              <th mat-header-cell *matHeaderCellDef>{{ 'trades.time' | transloco }}</th>
              <td mat-cell *matCellDef="let trade">{{ trade.time | date: 'MMM d, HH:mm:ss' : undefined : language.locale() }}</td>
            </ng-container>
            <ng-container matColumnDef="symbol">
              <th mat-header-cell *matHeaderCellDef>{{ 'trades.market' | transloco }}</th>
              <td mat-cell *matCellDef="let trade">{{ trade.symbol }}</td>
            </ng-container>
            <ng-container matColumnDef="side">
              <th mat-header-cell *matHeaderCellDef>{{ 'trades.side' | transloco }}</th>
              <td mat-cell *matCellDef="let trade" [class]="trade.side">{{ 'orders.sideName.' + trade.side | transloco }}</td>
            </ng-container>
            <ng-container matColumnDef="qty">
              <th mat-header-cell *matHeaderCellDef class="number">{{ 'trades.quantity' | transloco }}</th>
              <td mat-cell *matCellDef="let trade" class="number">{{ trade.qty | amount: trade.symbol }}</td>
            </ng-container>
            <ng-container matColumnDef="price">
              <th mat-header-cell *matHeaderCellDef class="number">{{ 'trades.price' | transloco }}</th>
              <td mat-cell *matCellDef="let trade" class="number">{{ trade.price | price: trade.symbol }}</td>
            </ng-container>
            <ng-container matColumnDef="fee">
              <th mat-header-cell *matHeaderCellDef class="number">{{ 'trades.fee' | transloco }}</th>
              <td mat-cell *matCellDef="let trade" class="number">{{ trade.fee | amount: trade.feeAsset }} {{ trade.feeAsset }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
        <nav class="pages" [attr.aria-label]="'trades.pages' | transloco" data-testid="trade-pages">
          <button mat-stroked-button type="button" (click)="newer()" [disabled]="isNewest()">{{ 'trades.newer' | transloco }}</button>
          <span class="page-number" aria-live="polite">{{ 'trades.pageNumber' | transloco: { number: pageNumber() } }}</span>
          <button mat-stroked-button type="button" (click)="older()" [disabled]="!current.nextCursor">{{ 'trades.older' | transloco }}</button>
        </nav>
      }
    }
  `,
  // Tab content has no padding of its own; the toolbar and the page buttons line up with the table's cells.
  styles: `
    .toolbar {
      display: flex;
      justify-content: flex-end;
      padding: 8px 16px;
    }
    .scroll {
      overflow-x: auto;
    }
    .pages {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: 12px;
      padding: 8px 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TradeHistoryPanel {
  private readonly store = inject(TradingStore);
  private readonly api = inject(TradingApi);
  protected readonly language = inject(Language);
  protected readonly columns = ['time', 'symbol', 'side', 'qty', 'price', 'fee'];
  protected readonly page = signal<TradePage | null>(null);
  /** The `nextCursor` of each page walked past, oldest last: the page shown starts after the last one; none on the newest page. */
  private readonly cursors = signal<string[]>([]);
  protected readonly isNewest = computed(() => this.cursors().length === 0);
  protected readonly pageNumber = computed(() => this.cursors().length + 1);
  /** Where the page shown starts: after this cursor, or at the newest trade. */
  private readonly shownCursor = computed(() => this.cursors()[this.cursors().length - 1] as string | undefined);
  protected readonly isLoading = signal(false);
  protected readonly isDownloading = signal(false);
  /** The account whose trades the cursors walk through. */
  private walkedAccountId: string | undefined;

  constructor() {
    effect(() => {
      this.store.ledgerRevision();
      const cursors = this.cursors();
      untracked(() => {
        const accountId = this.store.account()?.id;
        if (accountId !== this.walkedAccountId) {
          this.walkedAccountId = accountId;
          // Another account's cursors lead through another list: the walk starts again at the newest trades (this effect runs again).
          if (cursors.length > 0) {
            this.cursors.set([]);
            return;
          }
        }
        void this.load(this.shownCursor());
      });
    });
    this.store.newFills
      .pipe(takeUntilDestroyed())
      .subscribe((trade) => this.page.update((page) => (page && this.isNewest() ? withTradeOnFirstPage(page, trade) : page)));
  }

  protected older(): void {
    const next = this.page()?.nextCursor;
    if (next && !this.isLoading()) this.cursors.update((cursors) => [...cursors, next]);
  }

  protected newer(): void {
    if (!this.isLoading()) this.cursors.update((cursors) => cursors.slice(0, -1));
  }

  protected async download(): Promise<void> {
    this.isDownloading.set(true);
    try {
      const csv = await this.api.tradesCsv(this.store.account()?.id);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(csv);
      link.download = `lilux-trades-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } finally {
      this.isDownloading.set(false);
    }
  }

  /** The page after `cursor` (the newest without one), uncounted: counting would read the whole history. */
  private async load(cursor: string | undefined): Promise<void> {
    this.isLoading.set(true);
    try {
      const page = await this.api.trades({ accountId: this.store.account()?.id, limit: PAGE_SIZE, cursor, total: 'false' });
      // An answer for a page the trader has already left is not shown.
      if (this.shownCursor() === cursor) this.page.set(page);
    } finally {
      this.isLoading.set(false);
    }
  }
}
