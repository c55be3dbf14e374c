import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorIntl, MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { TranslocoPipe } from '@jsverse/transloco';
import type { TradePage } from '@lilux/contracts';
import { AmountPipe, Language, PricePipe, TradingApi } from '@lilux/web/data-access';
import { withTradeOnFirstPage } from './ledger-patches';
import { ConsolePaginatorIntl } from './console-paginator-intl';
import { TradingStore } from './trading-store';

/** Every fill of the account, newest first, a page at a time; all of them download as CSV. */
@Component({
  selector: 'lx-trade-history-panel',
  imports: [AmountPipe, DatePipe, PricePipe, TranslocoPipe, MatButtonModule, MatPaginatorModule, MatProgressBarModule, MatTableModule],
  template: `
    <div class="toolbar">
      <button mat-stroked-button type="button" (click)="download()" [disabled]="isDownloading()">{{ 'trades.downloadCsv' | transloco }}</button>
    </div>
    @if (isLoading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    @if (page(); as current) {
      @if (current.total === 0) {
        <p class="empty">{{ 'trades.none' | transloco }}</p>
      } @else {
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
        <mat-paginator
          [length]="current.total ?? 0"
          [pageSize]="pageSize()"
          [pageIndex]="pageIndex()"
          [pageSizeOptions]="[10, 25, 50]"
          (page)="turn($event)"
          [attr.aria-label]="'trades.pages' | transloco"
        />
      }
    }
  `,
  providers: [{ provide: MatPaginatorIntl, useClass: ConsolePaginatorIntl }],
  // Tab content has no padding of its own; the toolbar lines up with the table's cells.
  styles: `
    .toolbar {
      display: flex;
      justify-content: flex-end;
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
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(10);
  protected readonly isLoading = signal(false);
  protected readonly isDownloading = signal(false);

  constructor() {
    effect(() => {
      this.store.ledgerRevision();
      const [index, size] = [this.pageIndex(), this.pageSize()];
      untracked(() => void this.load(index, size));
    });
    this.store.newFills.pipe(takeUntilDestroyed()).subscribe((trade) => this.page.update((page) => (page ? withTradeOnFirstPage(page, trade) : page)));
  }

  protected turn(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
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

  private async load(index: number, size: number): Promise<void> {
    this.isLoading.set(true);
    try {
      this.page.set(await this.api.trades({ accountId: this.store.account()?.id, limit: size, offset: index * size }));
    } finally {
      this.isLoading.set(false);
    }
  }
}
