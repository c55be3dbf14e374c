import type { Trade } from '@lilux/contracts';
import { money } from './money';
import { replayFills } from './average-cost';

const fill = (side: 'buy' | 'sell', qty: string, price: string, fee: string): Trade => ({
  id: `${side}${qty}${price}`,
  orderId: 'o',
  accountId: 'a',
  time: '2026-01-01T00:00:00.000Z',
  symbol: 'BTC/USDT',
  side,
  qty,
  price,
  quoteQty: money(qty).mul(price).toFixed(),
  fee,
  feeAsset: 'USDT',
  liquidity: 'taker',
});

describe('average cost', () => {
  it('works the README example: buy 1 @ 100, buy 1 @ 200, sell 1 @ 180, fees 0.1 %', () => {
    const book = replayFills([fill('buy', '1', '100', '0.1'), fill('buy', '1', '200', '0.2'), fill('sell', '1', '180', '0.18')]);
    const btc = book.holdings.get('BTC');
    // cost 300.3 for 2 → average 150.15; selling 1 releases 150.15 of cost for 179.82 of proceeds.
    expect(btc?.qty.toFixed()).toBe('1');
    expect(btc?.cost.toFixed()).toBe('150.15');
    expect(book.realizedPnl.toFixed()).toBe('29.67');
    expect(book.feesPaid.toFixed()).toBe('0.48');
    expect(book.cashFlow.toFixed()).toBe('-120.48');
  });

  it('closes a holding to zero cost when everything is sold', () => {
    const book = replayFills([fill('buy', '0.3', '10', '0'), fill('sell', '0.1', '12', '0'), fill('sell', '0.2', '9', '0')]);
    expect(book.holdings.get('BTC')?.qty.isZero()).toBe(true);
    expect(book.holdings.get('BTC')?.cost.isZero()).toBe(true);
    expect(book.realizedPnl.toFixed()).toBe('0');
  });

  it("counts a buy's fee taken from the asset bought, as Binance charges it: fewer coins, same cash", () => {
    const buy = { ...fill('buy', '1', '100', '0.001'), feeAsset: 'BTC' };
    const book = replayFills([buy, fill('sell', '0.999', '110', '0.10989')]);
    // 100 USDT bought 0.999 BTC (0.001 BTC = 0.1 USDT went to the fee); selling it all for 109.89 − 0.10989.
    expect(book.feesPaid.toFixed()).toBe('0.20989');
    expect(book.cashFlow.toFixed()).toBe('9.78011');
    expect(book.realizedPnl.toFixed()).toBe('9.78011');
    expect(book.holdings.get('BTC')?.qty.isZero()).toBe(true);
  });
});
