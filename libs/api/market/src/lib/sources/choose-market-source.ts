import { Logger } from '@nestjs/common';
import type { Environment } from '@lilux/api/shared';
import { Clock } from '@lilux/api/shared';
import { SimulatedMarket } from '@lilux/api/simulated-market';
import type { MarketSourceChoice } from '../market.service';
import { CcxtMarketData } from './ccxt-market-data';
import { SimulatedMarketData } from './simulated-market-data';

/** `auto` gives Binance this long to answer at start-up before falling back to the simulated feed. */
const AUTO_PROBE_TIMEOUT_MS = 3000;

type MarketSettings = Pick<Environment, 'MARKET_DATA' | 'MARKET_DATA_URL' | 'MARKET_DATA_TIMEOUT_MS' | 'MARKET_SEED'>;

/**
 * Picks the price source once, at start-up. `auto` asks Binance once; if it does not answer, the simulated
 * feed is used and the reason is logged and shown in the status. The choice never changes while running, so
 * a chart never silently jumps from real to simulated prices.
 */
export async function chooseMarketSource(settings: MarketSettings, clock: Clock): Promise<MarketSourceChoice> {
  const since = new Date(clock.now()).toISOString();
  const simulated = () => new SimulatedMarketData(new SimulatedMarket(settings.MARKET_SEED));
  if (settings.MARKET_DATA === 'simulated') {
    return { source: simulated(), status: { source: 'simulated', mode: 'simulated', since } };
  }
  const binance = new CcxtMarketData({ baseUrl: settings.MARKET_DATA_URL, timeoutMs: settings.MARKET_DATA_TIMEOUT_MS }, clock);
  if (settings.MARKET_DATA === 'binance') {
    return { source: binance, status: { source: 'binance', mode: 'binance', since } };
  }
  try {
    await binance.probe(Math.min(AUTO_PROBE_TIMEOUT_MS, settings.MARKET_DATA_TIMEOUT_MS));
    return { source: binance, status: { source: 'binance', mode: 'auto', since } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    new Logger('MarketData').warn(`Binance did not answer at start-up (${reason}); using the simulated market feed`);
    return { source: simulated(), status: { source: 'simulated', mode: 'auto', reason, since } };
  }
}
