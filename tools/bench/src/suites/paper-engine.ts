import { MarketService } from '@lilux/api/market';
import { OrdersService } from '@lilux/api/orders';
import { startTradingTestBed } from '@lilux/api/orders/testing';
import { PaperExchangeModule, PaperMatchingEngine } from '@lilux/api/paper-exchange';
import { ManualClock, TriggerIndex } from '@lilux/api/shared';
import { SimulatedMarket } from '@lilux/api/simulated-market';
import { performance } from 'node:perf_hooks';
import { SuiteResult, formatNumber } from '../report';

const RESTING = 1000;
const TICKS = 100_000;
const TARGET_MS = 1000;
const SYMBOL = 'BTC/USDT';
const START = Date.UTC(2026, 10, 1);

/** 100,000 one-second prices of the simulated market: what the engine sees in a day and a bit. */
function ticks(): number[] {
  const market = new SimulatedMarket(5);
  return Array.from({ length: TICKS }, (_, second) => market.price(SYMBOL, START + second * 1000));
}

/** Resting levels spread over the range the ticks cover, so that most of them fill along the way. */
function levels(prices: number[]): number[] {
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  return Array.from({ length: RESTING }, (_, i) => Number((low + ((high - low) * (i + 0.5)) / RESTING).toFixed(2)));
}

export async function benchPaperEngine(): Promise<SuiteResult> {
  const prices = ticks();
  const restingLevels = levels(prices);
  const first = prices[0];

  // The matching alone: the price index against the scan of every order it replaces.
  const index = new TriggerIndex();
  restingLevels.forEach((level, i) => index.add({ id: String(i), symbol: SYMBOL, when: level < first ? 'falls-to' : 'rises-to', level }));
  let began = performance.now();
  let indexed = 0;
  for (const price of prices) indexed += index.takeTriggered(SYMBOL, price).length;
  const indexMs = performance.now() - began;
  let resting = restingLevels.map((level) => ({ level, fallsTo: level < first }));
  began = performance.now();
  let scanned = 0;
  for (const price of prices) {
    const reached = resting.filter((order) => (order.fallsTo ? order.level >= price : order.level <= price));
    if (reached.length > 0) {
      scanned += reached.length;
      resting = resting.filter((order) => !reached.includes(order));
    }
  }
  const scanMs = performance.now() - began;

  // The whole engine: real orders on a real SQLite file, each fill one transaction.
  const clock = new ManualClock(START);
  const bed = await startTradingTestBed(clock, [PaperExchangeModule], { PAPER_START_BALANCE: '100000000' });
  try {
    const orders = bed.app.get(OrdersService);
    const engine = bed.app.get(PaperMatchingEngine);
    const trader = await bed.newUser('bench');
    await orders.place(trader, { symbol: SYMBOL, side: 'buy', qty: '20' });
    const last = Number((await bed.app.get(MarketService).ticker(SYMBOL)).last);
    for (const level of restingLevels) {
      // Buys below the market, sells above it: each rests until the walk reaches it.
      await orders.place(trader, { symbol: SYMBOL, side: level < last ? 'buy' : 'sell', qty: '0.001', price: level.toFixed(2) });
    }
    began = performance.now();
    for (const price of prices) await engine.matchAt(SYMBOL, price.toFixed(2));
    const engineMs = performance.now() - began;
    const filled = (await orders.list(trader, { limit: 1, offset: 0, status: 'filled' })).total - 1;
    const audit = await orders.audit(trader);
    return {
      title: `Paper engine: ${formatNumber(RESTING)} resting orders against ${formatNumber(TICKS)} ticks`,
      conditions: 'one symbol, ticks = one-second prices of the simulated market; engine = real SQLite file, one transaction per fill',
      figures: [
        { name: 'matching (price index)', value: `${formatNumber(indexMs, 1)} ms, ${indexed} reached`, target: `≤ ${TARGET_MS} ms`, met: indexMs <= TARGET_MS },
        { name: 'matching (scan every order every tick)', value: `${formatNumber(scanMs, 1)} ms, ${scanned} reached` },
        { name: '  index speed-up', value: `${formatNumber(scanMs / indexMs, 1)}×` },
        { name: 'engine with fills written', value: `${formatNumber(engineMs, 0)} ms, ${filled} fills, ledger ${audit.ok ? 'balanced' : 'BROKEN'}` },
      ],
    };
  } finally {
    await bed.close();
  }
}
