import fc from 'fast-check';
import { AlertBook, WatchedAlert } from './alert-book';

const alert = (id: string, fields: Partial<WatchedAlert>): WatchedAlert => ({
  id,
  userId: 'trader',
  symbol: 'BTC/USDT',
  condition: 'above',
  level: null,
  armedSide: null,
  movePercent: null,
  windowMinutes: null,
  ...fields,
});
const ids = (alerts: WatchedAlert[]) => alerts.map((a) => a.id).sort();

describe('AlertBook', () => {
  it('fires `above` at the first tick at or above its level, and only once', () => {
    const book = new AlertBook();
    book.add(alert('a', { condition: 'above', level: 100 }));
    expect(ids(book.tick('BTC/USDT', 99.99, 0))).toEqual([]);
    expect(ids(book.tick('BTC/USDT', 100, 1000))).toEqual(['a']);
    expect(ids(book.tick('BTC/USDT', 101, 2000))).toEqual([]);
    expect(book.size).toBe(0);
  });

  it('fires `below` at the first tick at or below its level', () => {
    const book = new AlertBook();
    book.add(alert('b', { condition: 'below', level: 100 }));
    expect(ids(book.tick('BTC/USDT', 100.01, 0))).toEqual([]);
    expect(ids(book.tick('BTC/USDT', 99, 1000))).toEqual(['b']);
  });

  it('fires `crosses` on the first tick on the other side from where it was armed', () => {
    const book = new AlertBook();
    book.add(alert('from-below', { condition: 'crosses', level: 100, armedSide: 'below' }));
    book.add(alert('from-above', { condition: 'crosses', level: 90, armedSide: 'above' }));
    expect(ids(book.tick('BTC/USDT', 95, 0))).toEqual([]);
    expect(ids(book.tick('BTC/USDT', 100.5, 1000))).toEqual(['from-below']);
    expect(ids(book.tick('BTC/USDT', 89, 2000))).toEqual(['from-above']);
  });

  it('fires `moves` when the price moved by the percent either way within the window, measured from the tick at its start', () => {
    const book = new AlertBook();
    book.add(alert('two-percent', { condition: 'moves', movePercent: 2, windowMinutes: 1 }));
    book.add(alert('five-percent', { condition: 'moves', movePercent: 5, windowMinutes: 1 }));
    expect(ids(book.tick('BTC/USDT', 100, 0))).toEqual([]);
    expect(ids(book.tick('BTC/USDT', 101, 30_000))).toEqual([]);
    // A minute after the first tick, the window starts at 101: 99.5 is a 1.5 % fall.
    expect(ids(book.tick('BTC/USDT', 99.5, 60_000 + 30_000))).toEqual([]);
    // 98.9 from 101: 2.08 % down.
    expect(ids(book.tick('BTC/USDT', 98.9, 60_000 + 31_000))).toEqual(['two-percent']);
    expect(ids(book.tick('BTC/USDT', 106.1, 60_000 + 32_000))).toEqual(['five-percent']);
  });

  it('does not let a move older than the window fire', () => {
    const book = new AlertBook();
    book.add(alert('m', { condition: 'moves', movePercent: 3, windowMinutes: 1 }));
    book.tick('BTC/USDT', 100, 0);
    book.tick('BTC/USDT', 102, 60_000);
    expect(ids(book.tick('BTC/USDT', 104, 120_000))).toEqual([]);
  });

  it('keeps symbols apart and forgets removed alerts', () => {
    const book = new AlertBook();
    book.add(alert('btc', { condition: 'above', level: 10 }));
    book.add(alert('eth', { symbol: 'ETH/USDT', condition: 'above', level: 10 }));
    book.add(alert('gone', { condition: 'moves', movePercent: 1, windowMinutes: 5 }));
    book.remove('gone');
    expect(book.symbols().sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(ids(book.tick('ETH/USDT', 11, 0))).toEqual(['eth']);
    expect(ids(book.tick('BTC/USDT', 11, 0))).toEqual(['btc']);
    expect(book.size).toBe(0);
  });

  it('fires exactly the level alerts a scan of all of them would, for any alerts and ticks', () => {
    const watched = fc.record({
      condition: fc.constantFrom<'above' | 'below' | 'crosses'>('above', 'below', 'crosses'),
      level: fc.integer({ min: 1, max: 50 }),
      armedSide: fc.constantFrom<'above' | 'below'>('above', 'below'),
    });
    fc.assert(
      fc.property(fc.array(watched, { maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 30 }), (alerts, ticks) => {
        const book = new AlertBook();
        let active = alerts.map((fields, i) => alert(String(i), fields));
        active.forEach((a) => book.add(a));
        for (const price of ticks) {
          const expected = active.filter((a) => {
            const level = a.level ?? 0;
            if (a.condition === 'above') return price >= level;
            if (a.condition === 'below') return price <= level;
            return a.armedSide === 'below' ? price >= level : price <= level;
          });
          expect(ids(book.tick('BTC/USDT', price, 0))).toEqual(ids(expected));
          active = active.filter((a) => !expected.includes(a));
        }
      }),
    );
  });
});
