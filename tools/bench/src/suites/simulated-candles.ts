import { SimulatedMarket } from '@lilux/api/simulated-market';
import { performance } from 'node:perf_hooks';
import { SuiteResult, formatNumber, median } from '../report';

const CANDLES = 100_000;
const TARGET_MS = 100;
const RUNS = 7;

/** Generating 100k one-minute candles of the simulated feed: cold (a fresh market) and warm. */
export function benchSimulatedCandles(): SuiteResult {
  const from = Date.UTC(2026, 0, 1);
  const timeOnce = (market: SimulatedMarket, start: number) => {
    const began = performance.now();
    market.candles('BTC/USDT', 60_000, start, CANDLES);
    return performance.now() - began;
  };
  const cold = median(Array.from({ length: RUNS }, (_, run) => timeOnce(new SimulatedMarket(run + 1), from)));
  const market = new SimulatedMarket(1);
  timeOnce(market, from);
  // A different window each run, so no run reads what the previous one generated.
  const warm = median(Array.from({ length: RUNS }, (_, run) => timeOnce(market, from + (run + 1) * CANDLES * 60_000)));
  return {
    title: 'Simulated feed: 100,000 one-minute candles',
    conditions: `median of ${RUNS} runs; cold = a new market each run, warm = the same market, a new window each run`,
    figures: [
      { name: 'cold', value: `${formatNumber(cold, 1)} ms`, target: `≤ ${TARGET_MS} ms`, met: cold <= TARGET_MS },
      { name: 'warm', value: `${formatNumber(warm, 1)} ms`, target: `≤ ${TARGET_MS} ms`, met: warm <= TARGET_MS },
    ],
  };
}
