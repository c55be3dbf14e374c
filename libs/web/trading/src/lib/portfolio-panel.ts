import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatTableModule } from '@angular/material/table';
import { EQUITY_RANGES, type EquityPoint, type EquityRange } from '@lilux/contracts';
import { EquityChart } from '@lilux/web/chart';
import Decimal from 'decimal.js';
import { TradingApi } from '@lilux/web/data-access';
import { TradingStore } from './trading-store';

/** Equity, cash, profit and loss, positions, and the equity curve. */
@Component({
  selector: 'lx-portfolio-panel',
  imports: [DecimalPipe, MatButtonToggleModule, MatTableModule, EquityChart],
  templateUrl: './portfolio-panel.html',
  styleUrl: './portfolio-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortfolioPanel {
  protected readonly store = inject(TradingStore);
  private readonly api = inject(TradingApi);
  readonly dark = input(false);

  protected readonly ranges = EQUITY_RANGES;
  protected readonly range = signal<EquityRange>('1d');
  protected readonly curve = signal<EquityPoint[]>([]);
  protected readonly columns = ['asset', 'qty', 'averageCost', 'lastPrice', 'value', 'pnl'];

  constructor() {
    effect(() => {
      this.store.ledgerRevision();
      const [range, account] = [this.range(), this.store.account()];
      if (!account || account.kind !== 'paper') {
        this.curve.set([]);
        return;
      }
      untracked(() => void this.api.equityHistory(range, account.id).then((history) => this.curve.set(history.points)));
    });
  }

  /** Prices of `asset` in USDT with the decimals its market quotes them in (a tick of 0.01: two), as the ticket rounds them. */
  protected priceDigits(asset: string): string {
    const tick = this.store.markets().find((market) => market.base === asset && market.quote === 'USDT')?.pricePrecision;
    const decimals = tick ? new Decimal(tick).decimalPlaces() : 8;
    return `1.${Math.min(2, decimals)}-${decimals}`;
  }

  protected sign(value: string | null | undefined): 'up' | 'down' | '' {
    if (!value || Number(value) === 0) return '';
    return value.startsWith('-') ? 'down' : 'up';
  }
}
