import { Market, MarketDataSourceName, Ticker, TIMEFRAME_MS, Timeframe } from '@lilux/contracts';
import { CandleRows, SimulatedInstrument, SimulatedMarket } from '@lilux/api/simulated-market';
import { setImmediate } from 'node:timers/promises';
import { UnknownSymbolError } from '../market-data.errors';
import { MarketDataSource } from './market-data-source';

const DAY_MS = 86_400_000;

export class SimulatedMarketData implements MarketDataSource {
  readonly name: MarketDataSourceName = 'simulated';
  readonly refreshMs = 1000;

  constructor(private readonly market: SimulatedMarket) {}

  async markets(): Promise<Market[]> {
    return this.market.instruments.map(toMarket);
  }

  async ticker(symbol: string, now: number): Promise<Ticker> {
    const instrument = this.instrument(symbol);
    const second = Math.floor(now / 1000) * 1000;
    const last = this.market.price(symbol, second);
    // The rolling day: the last 1439 closed minutes and the forming one.
    const minutes = this.market.candles(symbol, TIMEFRAME_MS['1m'], second - DAY_MS + TIMEFRAME_MS['1m'], 1439);
    const forming = this.market.formingCandle(symbol, TIMEFRAME_MS['1m'], second);
    let high = forming[2];
    let low = forming[3];
    let volume = forming[5];
    for (let i = 0; i < minutes.length; i += 6) {
      high = Math.max(high, minutes[i + 2]);
      low = Math.min(low, minutes[i + 3]);
      volume += minutes[i + 5];
    }
    const open = minutes[1];
    const step = 10 ** -instrument.priceDecimals;
    const price = (value: number) => value.toFixed(instrument.priceDecimals);
    return {
      symbol,
      timestamp: second,
      last: price(last),
      bid: price(Math.max(step, last - step)),
      ask: price(last + step),
      open24h: price(open),
      high24h: price(high),
      low24h: price(low),
      change24hPercent: (((last - open) / open) * 100).toFixed(2),
      baseVolume24h: volume.toFixed(instrument.amountDecimals),
    };
  }

  /**
   * Generated a day of path at a time, letting other requests run in between: a cold chart of 1,000 daily
   * candles is 1,440,000 minutes of path, and the event loop must not wait for all of them at once.
   */
  async candles(symbol: string, timeframe: Timeframe, from: number, count: number): Promise<CandleRows> {
    this.instrument(symbol);
    const steps = this.market.candleSteps(symbol, TIMEFRAME_MS[timeframe], from, count);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await setImmediate();
    }
  }

  minutesToGenerate(symbol: string, timeframe: Timeframe, from: number, count: number): number {
    this.instrument(symbol);
    return this.market.minutesToGenerate(symbol, TIMEFRAME_MS[timeframe], from, count);
  }

  async formingCandle(symbol: string, timeframe: Timeframe, now: number): Promise<CandleRows> {
    this.instrument(symbol);
    return this.market.formingCandle(symbol, TIMEFRAME_MS[timeframe], now);
  }

  private instrument(symbol: string): SimulatedInstrument {
    const instrument = this.market.instrument(symbol);
    if (!instrument) throw new UnknownSymbolError(symbol);
    return instrument;
  }
}

function toMarket(instrument: SimulatedInstrument): Market {
  return {
    symbol: instrument.symbol,
    base: instrument.base,
    quote: instrument.quote,
    pricePrecision: (10 ** -instrument.priceDecimals).toFixed(instrument.priceDecimals),
    amountPrecision: (10 ** -instrument.amountDecimals).toFixed(instrument.amountDecimals),
    minAmount: instrument.minAmount,
    minNotional: instrument.minNotional,
  };
}
