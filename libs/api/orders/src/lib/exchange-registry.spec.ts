import { ExchangeAdapter } from './exchange-adapter';
import { ExchangeRegistry } from './exchange-registry';

const adapterFor = (...kinds: ExchangeAdapter['kinds']): ExchangeAdapter => ({ kinds }) as ExchangeAdapter;

describe('ExchangeRegistry', () => {
  it('gives each account the adapter registered for its kind', () => {
    const registry = new ExchangeRegistry();
    const paper = adapterFor('paper');
    const binance = adapterFor('binance-testnet', 'binance-live');
    registry.register(paper);
    registry.register(binance);
    registry.assertEveryKindHasAnAdapter();
    expect(registry.of({ kind: 'paper' })).toBe(paper);
    expect(registry.of({ kind: 'binance-live' })).toBe(binance);
  });

  it('refuses two adapters for one kind', () => {
    const registry = new ExchangeRegistry();
    registry.register(adapterFor('paper'));
    expect(() => registry.register(adapterFor('paper'))).toThrow('two exchange adapters registered for paper accounts');
  });

  it('refuses to start while a kind of account has no adapter', () => {
    const registry = new ExchangeRegistry();
    registry.register(adapterFor('paper'));
    expect(() => registry.assertEveryKindHasAnAdapter()).toThrow('no exchange adapter registered for binance-testnet, binance-live accounts');
  });
});
