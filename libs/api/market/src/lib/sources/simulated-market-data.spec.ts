import { SimulatedMarket } from '@lilux/api/simulated-market';
import { SimulatedMarketData } from './simulated-market-data';

const DAY = 86_400_000;

describe('SimulatedMarketData', () => {
  it('lets other work run while it generates a cold daily chart', async () => {
    const market = new SimulatedMarket(3);
    const source = new SimulatedMarketData(market);
    let turns = 0;
    let next: NodeJS.Immediate | undefined;
    const turn = () => {
      turns++;
      next = setImmediate(turn);
    };
    turn();
    let candles: Float64Array;
    try {
      candles = await source.candles('XRP/USDT', '1d', Date.UTC(2020, 0, 1), 6);
    } finally {
      clearImmediate(next);
    }
    // The event loop turns between every two days of path, and the candles are those of the plain way.
    expect(turns).toBeGreaterThanOrEqual(6);
    expect(Array.from(candles)).toEqual(Array.from(new SimulatedMarket(3).candles('XRP/USDT', DAY, Date.UTC(2020, 0, 1), 6)));
  });

  it('says how much path a request needs before generating it, and nothing once it is kept', async () => {
    const source = new SimulatedMarketData(new SimulatedMarket(3));
    expect(source.minutesToGenerate('SOL/USDT', '4h', Date.UTC(2020, 0, 1, 8), 6)).toBe(2 * 1440);
    expect(source.minutesToGenerate('SOL/USDT', '15m', Date.UTC(2020, 0, 1, 8), 100)).toBe(1500);
    await source.candles('SOL/USDT', '1h', Date.UTC(2020, 0, 1), 48);
    expect(source.minutesToGenerate('SOL/USDT', '4h', Date.UTC(2020, 0, 1, 8), 6)).toBe(0);
    expect(() => source.minutesToGenerate('NOPE/USDT', '1d', 0, 1)).toThrow(/NOPE\/USDT/);
  });
});
