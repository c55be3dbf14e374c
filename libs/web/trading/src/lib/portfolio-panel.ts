import { ChangeDetectionStrategy, Component, computed, effect, inject, Injector, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatTableModule } from '@angular/material/table';
import { TranslocoPipe } from '@jsverse/transloco';
import { EQUITY_RANGES, type EquityPoint, type EquityRange, type Position } from '@lilux/contracts';
import { EquityChart } from '@lilux/web/chart';
import { SignedInUser } from '@lilux/web/auth';
import { AmountPipe, PercentChangePipe, PricePipe, TradingApi } from '@lilux/web/data-access';
import { protectionOf } from './order-locks';
import { PositionProtectionDialog, type ProtectedPosition } from './position-protection-dialog';
import { TradingStore } from './trading-store';

/** Equity, cash, profit and loss, positions, and the equity curve. */
@Component({
  selector: 'lx-portfolio-panel',
  imports: [AmountPipe, PercentChangePipe, PricePipe, TranslocoPipe, MatButtonModule, MatButtonToggleModule, MatTableModule, EquityChart],
  templateUrl: './portfolio-panel.html',
  styleUrl: './portfolio-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortfolioPanel {
  protected readonly store = inject(TradingStore);
  private readonly api = inject(TradingApi);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly signedIn = inject(SignedInUser);
  readonly dark = input(false);

  protected readonly ranges = EQUITY_RANGES;
  protected readonly range = signal<EquityRange>('1d');
  private readonly history = signal<EquityPoint[]>([]);
  /** The history as last read, carried on to now by each valuation: the history itself is read only now and then. */
  protected readonly curve = computed(() => {
    const [points, portfolio] = [this.history(), this.store.portfolio()];
    const last = points[points.length - 1] as EquityPoint | undefined;
    if (!portfolio || portfolio.accountId !== this.store.account()?.id || !last || portfolio.valuedAt <= last.time) return points;
    return [...points, { time: portfolio.valuedAt, equity: portfolio.total_usdt }];
  });
  protected readonly columns = ['asset', 'qty', 'averageCost', 'lastPrice', 'value', 'pnl', 'protection'];
  /** Paper and Binance accounts alike arm a stop-loss / take-profit pair on a held position. */
  protected readonly canProtect = computed(() => this.signedIn.canTrade() && Boolean(this.store.account()));

  /** On the id: the account object changes with every balance an event patches, and that is no reason to read the history. */
  private readonly paperAccountId = computed(() => {
    const account = this.store.account();
    return account?.kind === 'paper' ? account.id : null;
  });

  constructor() {
    effect(() => {
      this.store.equityRevision();
      const [range, accountId] = [this.range(), this.paperAccountId()];
      if (!accountId) {
        this.history.set([]);
        return;
      }
      untracked(() => void this.api.equityHistory(range, accountId).then((history) => this.history.set(history.points)));
    });
  }

  /** The stop-loss and take-profit resting on the position, as the open orders hold them. */
  protected protection(position: Position): { sl: string | null; tp: string | null } {
    return protectionOf(position.symbol, this.store.openOrders());
  }

  /** Opens the stop-loss / take-profit dialog for a position; it reads the store of this desk, so it gets this panel's injector. */
  protected protect(position: Position): void {
    const market = this.store.markets().find((candidate) => candidate.symbol === position.symbol);
    const account = this.store.account();
    if (!market || !account) return;
    const data: ProtectedPosition = { accountId: account.id, market, qty: position.qty, ...this.protection(position) };
    this.dialog.open(PositionProtectionDialog, { data, injector: this.injector, width: '440px', autoFocus: 'first-tabbable' });
  }

  protected sign(value: string | null | undefined): 'up' | 'down' | '' {
    if (!value || Number(value) === 0) return '';
    return value.startsWith('-') ? 'down' : 'up';
  }
}
