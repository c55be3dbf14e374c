import fc from 'fast-check';
import { Trigger, TriggerIndex } from './trigger-index';

describe('TriggerIndex', () => {
  it('triggers a buy limit when the price falls to it and a sell limit when it rises to it', () => {
    const index = new TriggerIndex();
    index.add({ id: 'buy', symbol: 'BTC/USDT', when: 'falls-to', level: 100 });
    index.add({ id: 'sell', symbol: 'BTC/USDT', when: 'rises-to', level: 110 });
    expect(index.takeTriggered('BTC/USDT', 105)).toEqual([]);
    expect(index.takeTriggered('BTC/USDT', 100).map((t) => t.id)).toEqual(['buy']);
    expect(index.takeTriggered('BTC/USDT', 100)).toEqual([]);
    expect(index.takeTriggered('BTC/USDT', 120).map((t) => t.id)).toEqual(['sell']);
    expect(index.size).toBe(0);
    expect(index.symbols()).toEqual([]);
  });

  it('keeps symbols apart and forgets removed orders', () => {
    const index = new TriggerIndex();
    index.add({ id: 'a', symbol: 'BTC/USDT', when: 'falls-to', level: 100 });
    index.add({ id: 'b', symbol: 'ETH/USDT', when: 'falls-to', level: 100 });
    index.remove('a');
    expect(index.takeTriggered('BTC/USDT', 1)).toEqual([]);
    expect(index.takeTriggered('ETH/USDT', 1).map((t) => t.id)).toEqual(['b']);
  });

  it('triggers exactly the orders a scan of all of them would, for any orders and ticks', () => {
    const trigger = fc.record({
      when: fc.constantFrom<'falls-to' | 'rises-to'>('falls-to', 'rises-to'),
      level: fc.integer({ min: 1, max: 50 }),
      symbol: fc.constantFrom('A', 'B'),
    });
    fc.assert(
      fc.property(
        fc.array(trigger, { maxLength: 40 }),
        fc.array(fc.tuple(fc.constantFrom('A', 'B'), fc.integer({ min: 1, max: 50 })), { maxLength: 30 }),
        (triggers, ticks) => {
          const index = new TriggerIndex();
          let resting: Trigger[] = triggers.map((t, i) => ({ ...t, id: String(i) }));
          resting.forEach((t) => index.add(t));
          for (const [symbol, price] of ticks) {
            const expected = resting.filter((t) => t.symbol === symbol && (t.when === 'falls-to' ? t.level >= price : t.level <= price));
            const actual = index.takeTriggered(symbol, price);
            expect(actual.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());
            resting = resting.filter((t) => !expected.includes(t));
          }
          expect(index.size).toBe(resting.length);
        },
      ),
    );
  });
});
