import { Provider } from '@angular/core';
import { BarChart, CandlestickChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, MarkLineComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { provideEchartsCore } from 'ngx-echarts';

// Only the parts the console draws: the whole of ECharts would triple the console's initial download.
echarts.use([CandlestickChart, BarChart, LineChart, GridComponent, DataZoomComponent, TooltipComponent, MarkPointComponent, MarkLineComponent, CanvasRenderer]);

/** Registers the ECharts build the console's charts use. */
export function provideCharts(): Provider {
  return provideEchartsCore({ echarts });
}
