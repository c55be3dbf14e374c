import { DatePipe } from '@angular/common';
import { TranslocoPipe } from '@jsverse/transloco';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import type { Order } from '@lilux/contracts';
import { AmountPipe, AssetFigures, Language, PricePipe, Toasts, TradingApi } from '@lilux/web/data-access';
import { partnerOf } from './order-locks';
import { roleName } from './order-notices';
import { TradingStore } from './trading-store';

/** Resting limit orders and armed stop-loss / take-profit legs, each with a cancel button where the user may cancel. */
@Component({
  selector: 'lx-open-orders-panel',
  imports: [AmountPipe, DatePipe, PricePipe, TranslocoPipe, MatButtonModule, MatTableModule],
  template: `
    @if (store.openOrders().length === 0) {
      <p class="empty">{{ 'openOrders.none' | transloco }}</p>
    } @else {
      <table mat-table [dataSource]="store.openOrders()" class="dense" data-testid="open-orders">
        <ng-container matColumnDef="time">
          <th mat-header-cell *matHeaderCellDef>{{ 'openOrders.placed' | transloco }}</th>
          <td mat-cell *matCellDef="let order">{{ order.createdAt | date: 'MMM d, HH:mm:ss' : undefined : language.locale() }}</td>
        </ng-container>
        <ng-container matColumnDef="symbol">
          <th mat-header-cell *matHeaderCellDef>{{ 'openOrders.market' | transloco }}</th>
          <td mat-cell *matCellDef="let order">{{ order.symbol }}</td>
        </ng-container>
        <ng-container matColumnDef="kind">
          <th mat-header-cell *matHeaderCellDef>{{ 'openOrders.kind' | transloco }}</th>
          <td mat-cell *matCellDef="let order">
            {{ roleName(order) }}
            @if (partner(order); as other) {
              <span class="pair" data-testid="pair-note">{{ 'openOrders.pairNote' | transloco: { other: roleName(other).toLowerCase() } }}</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="side">
          <th mat-header-cell *matHeaderCellDef>{{ 'openOrders.side' | transloco }}</th>
          <td mat-cell *matCellDef="let order" [class]="order.side">{{ 'orders.sideName.' + order.side | transloco }}</td>
        </ng-container>
        <ng-container matColumnDef="qty">
          <th mat-header-cell *matHeaderCellDef class="number">{{ 'openOrders.quantity' | transloco }}</th>
          <td mat-cell *matCellDef="let order" class="number">{{ order.qty | amount: order.symbol }}</td>
        </ng-container>
        <ng-container matColumnDef="price">
          <th mat-header-cell *matHeaderCellDef class="number">{{ 'openOrders.price' | transloco }}</th>
          <td mat-cell *matCellDef="let order" class="number">{{ order.price | price: order.symbol }}</td>
        </ng-container>
        <ng-container matColumnDef="cancel">
          <th mat-header-cell *matHeaderCellDef>
            <span class="visually-hidden">{{ 'common.cancel' | transloco }}</span>
          </th>
          <td mat-cell *matCellDef="let order">
            <button
              mat-button
              type="button"
              (click)="cancel(order)"
              [disabled]="canceling() === order.id"
              [attr.aria-label]="
                (partner(order) ? 'openOrders.cancelPairOrder' : 'openOrders.cancelOrder')
                  | transloco: { role: roleName(order), side: ('orders.sideName.' + order.side | transloco), qty: quantity(order), symbol: order.symbol }
              "
              [title]="partner(order) ? ('openOrders.pairTitle' | transloco) : ''"
            >
              {{ (partner(order) ? 'openOrders.cancelPair' : 'common.cancel') | transloco }}
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
  protected readonly language = inject(Language);
  private readonly figures = inject(AssetFigures);
  /** False for a read-only account: the server would refuse the cancel. */
  readonly canCancel = input(true);
  protected readonly columns = computed(() => ['time', 'symbol', 'kind', 'side', 'qty', 'price', ...(this.canCancel() ? ['cancel'] : [])]);
  protected readonly canceling = signal<string | null>(null);

  protected roleName(order: Order): string {
    return roleName(order, this.language);
  }

  /** The order's quantity as the table shows it, for its button's label and the toast. */
  protected quantity(order: Order): string {
    return this.figures.amount(order.qty, order.symbol);
  }

  protected partner(order: Order): Order | null {
    return partnerOf(order, this.store.openOrders());
  }

  protected async cancel(order: Order): Promise<void> {
    const partner = this.partner(order);
    this.canceling.set(order.id);
    try {
      const canceled = await this.api.cancelOrder(order.id);
      const { t } = this.language;
      const side = t(`orders.side.${order.side}`);
      const figures = { role: this.roleName(order).toLowerCase(), side, qty: this.quantity(order), symbol: order.symbol };
      this.toasts.success(
        partner ? t('openOrders.canceledPair', { ...figures, other: this.roleName(partner).toLowerCase() }) : t('openOrders.canceled', figures),
      );
      // Its partner leg, if any, leaves with it: the socket tells.
      this.store.applyOrder(canceled);
    } finally {
      this.canceling.set(null);
    }
  }
}
