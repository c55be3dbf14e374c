import { ChangeDetectionStrategy, Component, effect, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { TranslocoPipe } from '@jsverse/transloco';
import { SignedInUser } from '@lilux/web/auth';
import { provideCharts } from '@lilux/web/chart';
import { Title } from '@angular/platform-browser';
import { ActiveAccount, AlertsStore, AssetFigures, explainHttpError, Language, Toasts } from '@lilux/web/data-access';
import { AlertsPanel, ChartPanel, deskCommandOf, OpenOrdersPanel, OrderTicket, PortfolioPanel, TradeHistoryPanel, TradingStore } from '@lilux/web/trading';
import { confirmed } from '../confirm-dialog';
import { Theme } from '../theme';
import { ShortcutsDialog } from './shortcuts-dialog';

/** The trading desk: chart and ticket side by side, portfolio and orders below. */
@Component({
  selector: 'lx-dashboard-page',
  imports: [
    TranslocoPipe,
    MatButtonModule,
    MatCardModule,
    MatProgressBarModule,
    MatTabsModule,
    AlertsPanel,
    ChartPanel,
    OpenOrdersPanel,
    OrderTicket,
    PortfolioPanel,
    TradeHistoryPanel,
  ],
  // ECharts loads with the dashboard, not with the login page.
  providers: [TradingStore, AlertsStore, provideCharts()],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
})
export class DashboardPage {
  protected readonly store = inject(TradingStore);
  protected readonly theme = inject(Theme);
  protected readonly active = inject(ActiveAccount);
  protected readonly signedIn = inject(SignedInUser);

  private readonly dialog = inject(MatDialog);
  private readonly toasts = inject(Toasts);
  private readonly language = inject(Language);

  constructor() {
    void this.store.load();
    // The price in the tab's title, to follow it from another tab; the page's own title until the first price.
    const title = inject(Title);
    const figures = inject(AssetFigures);
    effect(() => {
      const ticker = this.store.ticker();
      if (!ticker) return;
      title.setTitle(`${figures.price(ticker.last, ticker.symbol)} ${ticker.symbol} · Lilux`);
    });
  }

  protected onKey(event: KeyboardEvent): void {
    const command = deskCommandOf(event);
    if (!command || this.dialog.openDialogs.length > 0) return;
    event.preventDefault();
    if (command === 'help') this.showShortcuts();
    else if (command === 'cancel-all') void this.cancelAll();
    else if (this.signedIn.canTrade()) this.store.ticketRequests.next(command);
  }

  protected showShortcuts(): void {
    this.dialog.open(ShortcutsDialog, { width: '440px' });
  }

  private async cancelAll(): Promise<void> {
    const count = this.store.openOrders().length;
    if (!this.signedIn.canTrade() || count === 0) return;
    const { t } = this.language;
    const isGoingAhead = await confirmed(this.dialog, {
      title: t('desk.cancelAllTitle'),
      message: t('desk.cancelAllMessage', { count }),
      action: t('desk.cancelAllAction'),
    });
    if (!isGoingAhead) return;
    try {
      const canceled = await this.store.cancelAll();
      this.toasts.success(t('desk.canceledCount', { count: canceled }));
    } catch (error) {
      this.toasts.explained(explainHttpError(error, this.language));
    }
  }
}
