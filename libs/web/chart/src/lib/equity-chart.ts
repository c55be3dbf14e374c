import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { EquityPoint } from '@lilux/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { DARK_PALETTE, equityChartOption, LIGHT_PALETTE } from './chart-option';

/** The account's value over time, a point at every fill and every hour. */
@Component({
  selector: 'lx-equity-chart',
  imports: [NgxEchartsDirective],
  template: `<div echarts class="chart" [options]="option()"></div>`,
  styles: `
    :host {
      display: block;
    }
    .chart {
      width: 100%;
      height: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'img', '[attr.aria-label]': 'description()' },
})
export class EquityChart {
  readonly points = input.required<readonly EquityPoint[]>();
  readonly dark = input(false);
  /** What a screen reader says of the chart, in the console's language. */
  readonly description = input.required<string>();

  protected readonly option = computed<EChartsCoreOption>(() => equityChartOption(this.points(), this.dark() ? DARK_PALETTE : LIGHT_PALETTE));
}
