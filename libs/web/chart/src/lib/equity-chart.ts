import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { EquityPoint } from '@lilux/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { DARK_PALETTE, equityAxisBounds, LIGHT_PALETTE } from './chart-option';

/** The account's value over time, a point at every fill and every hour. */
@Component({
  selector: 'lx-equity-chart',
  imports: [NgxEchartsDirective],
  template: `<div echarts class="chart" [options]="option()"></div>`,
  styles: `:host { display: block; } .chart { width: 100%; height: 100%; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'img', '[attr.aria-label]': '"Equity curve, " + points().length + " points"' },
})
export class EquityChart {
  readonly points = input.required<readonly EquityPoint[]>();
  readonly dark = input(false);

  protected readonly option = computed<EChartsCoreOption>(() => {
    const palette = this.dark() ? DARK_PALETTE : LIGHT_PALETTE;
    return {
      animation: false,
      grid: { left: 8, right: 64, top: 12, bottom: 24 },
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => `${value.toLocaleString(undefined, { maximumFractionDigits: 2 })} USDT` },
      xAxis: { type: 'time', axisLabel: { color: palette.text }, axisLine: { lineStyle: { color: palette.grid } } },
      yAxis: {
        type: 'value',
        position: 'right',
        min: (extent: { min: number; max: number }) => equityAxisBounds(extent).min,
        max: (extent: { min: number; max: number }) => equityAxisBounds(extent).max,
        axisLabel: { color: palette.text },
        splitLine: { lineStyle: { color: palette.grid } },
      },
      series: [
        {
          type: 'line',
          name: 'Equity',
          // A new account has a single point, which a line without symbols would not show.
          showSymbol: this.points().length < 3,
          areaStyle: { opacity: 0.12 },
          lineStyle: { width: 1.5 },
          data: this.points().map((point) => [Date.parse(point.time), Number(point.equity)]),
        },
      ],
    };
  });
}
