import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { TranslocoPipe } from '@jsverse/transloco';
import { SignedInUser } from '@lilux/web/auth';
import { provideCharts } from '@lilux/web/chart';
import { ActiveAccount } from '@lilux/web/data-access';
import { ChartPanel, OpenOrdersPanel, OrderTicket, PortfolioPanel, TradeHistoryPanel, TradingStore } from '@lilux/web/trading';
import { Theme } from '../theme';

/** The trading desk: chart and ticket side by side, portfolio and orders below. */
@Component({
  selector: 'lx-dashboard-page',
  imports: [TranslocoPipe, MatCardModule, MatProgressBarModule, MatTabsModule, ChartPanel, OpenOrdersPanel, OrderTicket, PortfolioPanel, TradeHistoryPanel],
  // ECharts loads with the dashboard, not with the login page.
  providers: [TradingStore, provideCharts()],
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  protected readonly store = inject(TradingStore);
  protected readonly theme = inject(Theme);
  protected readonly active = inject(ActiveAccount);
  protected readonly signedIn = inject(SignedInUser);

  constructor() {
    void this.store.load();
  }
}
