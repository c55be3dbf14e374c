import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import type { Order } from '@lilux/contracts';
import { Toasts, TradingApi } from '@lilux/web/data-access';
import { partnerOf } from './order-locks';
import { ROLE_NAMES } from './order-notices';
import { TradingStore } from './trading-store';

/** Resting limit orders and armed stop-loss / take-profit legs, each with a cancel button where the user may cancel. */
@Component({
  selector: 'lx-open-orders-panel',
  imports: [DatePipe, MatButtonModule, MatTableModule],
  template: `
    @if (store.openOrders().length === 0) {
      <p class="empty">No open orders.</p>
    } @else {
      <table mat-table [dataSource]="store.openOrders()" class="dense" data-testid="open-orders">
        <ng-container matColumnDef="time">
          <th mat-header-cell *matHeaderCellDef>Placed</th>
          <td mat-cell *matCellDef="let order">{{ order.createdAt | date: 'MMM d, HH:mm:ss' }}</td>
        </ng-container>
        <ng-container matColumnDef="symbol">
          <th mat-header-cell *matHeaderCellDef>Market</th>
          <td mat-cell *matCellDef="let order">{{ order.symbol }}</td>
        </ng-container>
        <ng-container matColumnDef="kind">
          <th mat-header-cell *matHeaderCellDef>Kind</th>
          <td mat-cell *matCellDef="let order">
            {{ roleName(order) }}
            @if (partner(order); as other) {
              <span class="pair" data-testid="pair-note">with its {{ roleName(other).toLowerCase() }}</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="side">
          <th mat-header-cell *matHeaderCellDef>Side</th>
          <td mat-cell *matCellDef="let order" [class]="order.side">{{ order.side }}</td>
        </ng-container>
        <ng-container matColumnDef="qty">
          <th mat-header-cell *matHeaderCellDef class="number">Quantity</th>
          <td mat-cell *matCellDef="let order" class="number">{{ order.qty }}</td>
        </ng-container>
        <ng-container matColumnDef="price">
          <th mat-header-cell *matHeaderCellDef class="number">Price</th>
          <td mat-cell *matCellDef="let order" class="number">{{ order.price }}</td>
        </ng-container>
        <ng-container matColumnDef="cancel">
          <th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Cancel</span></th>
          <td mat-cell *matCellDef="let order">
            <button
              mat-button
              type="button"
              (click)="cancel(order)"
              [disabled]="canceling() === order.id"
              [attr.aria-label]="(partner(order) ? 'Cancel pair: ' : 'Cancel ') + roleName(order) + ' ' + order.side + ' ' + order.qty + ' ' + order.symbol"
              [title]="partner(order) ? 'A stop-loss and its take-profit go together: cancelling one cancels both' : ''"
            >
              {{ partner(order) ? 'Cancel pair' : 'Cancel' }}
            </button>
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()"></tr>
      </table>
    }
  `,
  styles: `
    .pair {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpenOrdersPanel {
  protected readonly store = inject(TradingStore);
  private readonly api = inject(TradingApi);
  private readonly toasts = inject(Toasts);
  /** False for a read-only account: the server would refuse the cancel. */
  readonly canCancel = input(true);
  protected readonly columns = computed(() => ['time', 'symbol', 'kind', 'side', 'qty', 'price', ...(this.canCancel() ? ['cancel'] : [])]);
  protected readonly canceling = signal<string | null>(null);

  protected roleName(order: Order): string {
    return ROLE_NAMES[order.role];
  }

  protected partner(order: Order): Order | null {
    return partnerOf(order, this.store.openOrders());
  }

  protected async cancel(order: Order): Promise<void> {
    const partner = this.partner(order);
    this.canceling.set(order.id);
    try {
      const canceled = await this.api.cancelOrder(order.id);
      const also = partner ? ` and its ${ROLE_NAMES[partner.role].toLowerCase()} (a pair goes together)` : '';
      this.toasts.success(`Canceled the ${ROLE_NAMES[order.role].toLowerCase()} ${order.side} of ${order.qty} ${order.symbol}${also}`);
      // Its partner leg, if any, leaves with it: the socket tells.
      this.store.applyOrder(canceled);
    } finally {
      this.canceling.set(null);
    }
  }
}
