export * from './lib/candle-chart';
export * from './lib/chart-option';
export * from './lib/echarts-setup';
export * from './lib/equity-chart';
export * from './lib/alert-lines';
