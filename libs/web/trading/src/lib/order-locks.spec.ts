import type { Order } from '@lilux/contracts';
import type { Language } from '@lilux/web/data-access';
import { consoleLanguage } from './console-language.testing';
import { lockDescriptions as lockDescriptionsIn, partnerOf, protectionOf } from './order-locks';

let english: Language;
beforeAll(async () => {
  english = await consoleLanguage('en');
});
/** Amounts as the console writes them, reduced here to a tag that shows which asset each was written as. */
const lockDescriptions = (asset: string, orders: Order[]) => lockDescriptionsIn(asset, orders, english, (value, of) => `${value} (${of})`);

const order = (fields: Partial<Order>): Order =>
  ({
    id: 'o',
    symbol: 'BTC/USDT',
    side: 'sell',
    role: 'entry',
    parentId: null,
    qty: '0.01',
    price: '1',
    lockedAsset: 'BTC',
    lockedAmount: '0',
    ...fields,
  }) as Order;

describe('stop-loss / take-profit pairs and what they lock', () => {
  const stop = order({ id: 'sl', role: 'stop_loss', parentId: 'entry-1', lockedAmount: '0.01' });
  const target = order({ id: 'tp', role: 'take_profit', parentId: 'entry-1', lockedAmount: '0.01' });
  const limitBuy = order({ id: 'lb', side: 'buy', lockedAsset: 'USDT', lockedAmount: '400.32' });

  it('finds the other leg of a pair while it is open, and none for a lone order', () => {
    expect(partnerOf(stop, [stop, target, limitBuy])?.id).toBe('tp');
    expect(partnerOf(target, [stop, target])?.id).toBe('sl');
    expect(partnerOf(stop, [stop])).toBeNull();
    expect(partnerOf(limitBuy, [stop, target, limitBuy])).toBeNull();
  });

  it('says what holds a locked balance, a pair once for its shared lock', () => {
    expect(lockDescriptions('BTC', [stop, target, limitBuy])).toEqual(['0.01 (BTC) by a stop-loss / take-profit pair on BTC/USDT']);
    expect(lockDescriptions('USDT', [stop, target, limitBuy])).toEqual(['400.32 (USDT) by a limit buy on BTC/USDT']);
    expect(lockDescriptions('ETH', [stop, target, limitBuy])).toEqual([]);
  });

  it("reads a held position's stop-loss and take-profit from its sell legs, not from a buy-back pair or another market", () => {
    const buyBackStop = order({ id: 'bsl', side: 'buy', role: 'stop_loss', price: '2' });
    const ethTarget = order({ id: 'etp', symbol: 'ETH/USDT', role: 'take_profit', price: '3' });
    expect(protectionOf('BTC/USDT', [buyBackStop, ethTarget, { ...stop, price: '90' }, { ...target, price: '110' }])).toEqual({ sl: '90', tp: '110' });
    expect(protectionOf('BTC/USDT', [buyBackStop, ethTarget, limitBuy])).toEqual({ sl: null, tp: null });
  });
});
