import type { Market, Order } from '@lilux/contracts';
import { figuresFor, type Language } from '@lilux/web/data-access';
import { consoleLanguage } from './console-language.testing';
import { laterNotice as laterNoticeIn, placedNotice as placedNoticeIn } from './order-notices';

let english: Language;
let french: Language;
beforeAll(async () => {
  english = await consoleLanguage('en');
  french = await consoleLanguage('fr');
});
const markets: Market[] = [
  { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: '0.01', amountPrecision: '0.00001', minAmount: '0.00001', minNotional: '5' },
];
const placedNotice = (placed: Order) => placedNoticeIn(placed, english, figuresFor(markets, 'en'));
const laterNotice = (previous: Order | undefined, later: Order) => laterNoticeIn(previous, later, english, figuresFor(markets, 'en'));
const placedInFrench = (placed: Order) => placedNoticeIn(placed, french, figuresFor(markets, 'fr'));
const laterInFrench = (previous: Order, later: Order) => laterNoticeIn(previous, later, french, figuresFor(markets, 'fr'));

function order(fields: Partial<Order>): Order {
  return {
    id: 'o1',
    accountId: 'paper-1',
    clientOrderId: 'c1',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    role: 'entry',
    parentId: null,
    status: 'open',
    qty: '0.01',
    price: '98000',
    sl: null,
    tp: null,
    filledQty: '0',
    averagePrice: null,
    fee: '0',
    feeAsset: 'USDT',
    lockedAmount: '0',
    lockedAsset: 'USDT',
    rejectReason: null,
    createdAt: '2026-11-26T10:00:00.000Z',
    updatedAt: '2026-11-26T10:00:00.000Z',
    transitions: [],
    ...fields,
  };
}

describe('placedNotice', () => {
  it("says a resting limit buy was placed, its quantity and price at the market's steps", () => {
    expect(placedNotice(order({}))).toEqual({ text: 'Limit buy 0.01000 BTC @ 98,000.00 placed', isError: false });
  });

  it('says what a market order bought or sold, at its average price', () => {
    expect(placedNotice(order({ type: 'market', price: null, status: 'filled', averagePrice: '97123.45' })).text).toBe('Bought 0.01000 BTC @ 97,123.45');
    expect(placedNotice(order({ side: 'sell', type: 'market', price: null, status: 'filled', averagePrice: '97000' })).text).toBe(
      'Sold 0.01000 BTC @ 97,000.00',
    );
  });

  it('says an order the exchange has not confirmed is waiting, and a rejected one why, as an error', () => {
    expect(placedNotice(order({ status: 'unknown' })).text).toBe('Buy 0.01000 BTC sent; waiting for the exchange to confirm it');
    expect(placedNotice(order({ status: 'rejected', rejectReason: 'insufficient USDT' }))).toEqual({
      text: 'Buy 0.01000 BTC rejected: insufficient USDT',
      isError: true,
    });
  });
});

describe('laterNotice', () => {
  const resting = order({});

  it('tells a resting limit that filled, at its price', () => {
    expect(laterNotice(resting, order({ status: 'filled', averagePrice: '98000' }))).toEqual({
      text: 'Limit buy 0.01000 BTC filled @ 98,000.00',
      isError: false,
    });
  });

  it('names a stop-loss or take-profit that triggered', () => {
    const stop = order({ role: 'stop_loss', side: 'sell', type: 'market', price: '95000' });
    expect(laterNotice(stop, { ...stop, status: 'filled', averagePrice: '94990.5' })?.text).toBe('Stop-loss sell 0.01000 BTC filled @ 94,990.50');
    const target = order({ role: 'take_profit', side: 'sell', price: '105000' });
    expect(laterNotice(target, { ...target, status: 'filled', averagePrice: '105000' })?.text).toBe('Take-profit sell 0.01000 BTC filled @ 105,000.00');
  });

  it('tells each part of a resting order that fills in parts, once', () => {
    const part = order({ status: 'partially_filled', filledQty: '0.004', averagePrice: '98000' });
    expect(laterNotice(resting, part)?.text).toBe('Limit buy 0.01000 BTC: 0.00400 filled @ 98,000.00');
    expect(laterNotice(part, { ...part })).toBeNull();
    expect(laterNotice(part, order({ status: 'filled', filledQty: '0.01', averagePrice: '98000' }))?.text).toBe('Limit buy 0.01000 BTC filled @ 98,000.00');
  });

  it('tells a trigger that could not fill, as an error', () => {
    expect(laterNotice(resting, order({ status: 'rejected', rejectReason: 'insufficient USDT' }))).toEqual({
      text: 'Limit buy 0.01000 BTC could not fill: insufficient USDT',
      isError: true,
    });
  });

  it('says nothing of an order just placed (the ticket tells), one canceled, or the same state heard again', () => {
    expect(laterNotice(undefined, order({ type: 'market', status: 'filled', averagePrice: '98000' }))).toBeNull();
    expect(laterNotice(resting, order({ status: 'canceled' }))).toBeNull();
    expect(laterNotice(resting, resting)).toBeNull();
  });
});

describe('notices in French', () => {
  it('says what a market order bought, in French figures', () => {
    expect(placedInFrench(order({ type: 'market', price: null, status: 'filled', qty: '0.001', averagePrice: '97123.45' })).text).toBe(
      'Achat de 0,00100 BTC exécuté à 97\u202f123,45',
    );
  });

  it('names a resting order and a triggered stop-loss', () => {
    expect(placedInFrench(order({})).text).toBe("Ordre limite à l'achat de 0,01000 BTC à 98\u202f000,00 placé");
    const stop = order({ role: 'stop_loss', side: 'sell', type: 'market', price: '95000' });
    expect(laterInFrench(stop, { ...stop, status: 'filled', averagePrice: '94990.5' })?.text).toBe(
      'Stop-loss à la vente de 0,01000 BTC exécuté à 94\u202f990,50',
    );
    expect(placedInFrench(order({ status: 'rejected', rejectReason: 'insufficient USDT' })).text).toBe(
      "Ordre d'achat de 0,01000 BTC rejeté : insufficient USDT",
    );
  });
});
