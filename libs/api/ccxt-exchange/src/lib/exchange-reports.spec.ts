import type * as ccxt from 'ccxt';
import { newTrades, statusOf } from './ccxt-exchange';

describe("reading ccxt's order status", () => {
  it.each([
    ['open', 0, 'open'],
    ['open', 0.4, 'partially_filled'],
    ['closed', 1, 'filled'],
    ['canceled', 0, 'canceled'],
    ['canceled', 0.4, 'canceled'],
    ['expired', 0.4, 'canceled'],
    ['rejected', 0, 'rejected'],
  ] as const)('%s with %s filled is %s', (status, filled, expected) => {
    expect(statusOf({ status, filled })).toBe(expected);
  });

  it('knows no status it was not told about, rather than guessing open', () => {
    expect(statusOf({ status: 'canceling', filled: 0 })).toBeNull();
    expect(statusOf({ status: undefined as unknown as string, filled: 0 })).toBeNull();
  });
});

describe('choosing the trades of an order to record', () => {
  const trade = (id: string | undefined, amount: number, timestamp: number) => ({ id, amount, price: 100, timestamp }) as ccxt.Trade;
  const keyed = (tradeId: string, qty: string) => ({ id: `fill-${tradeId}`, tradeId, qty });

  it('records only the trades not recorded yet, oldest first', () => {
    const trades = [trade('7', 0.3, 3), trade('5', 0.2, 1), trade('6', 0.1, 2)];
    expect(newTrades([keyed('5', '0.2')], trades).map((fresh) => fresh.id)).toEqual(['6', '7']);
  });

  it('takes fills recorded before trades were keyed for the earliest trades, up to their quantity', () => {
    const beforeUpgrade = { id: 'old-fill', tradeId: 'old-fill', qty: '0.3' };
    const trades = [trade('5', 0.2, 1), trade('6', 0.1, 2), trade('7', 0.4, 3)];
    expect(newTrades([beforeUpgrade], trades).map((fresh) => fresh.id)).toEqual(['7']);
  });

  it('leaves out a trade it cannot record exactly', () => {
    expect(newTrades([], [trade(undefined, 0.2, 1), trade('6', 0, 2), trade('7', 0.1, 3)]).map((fresh) => fresh.id)).toEqual(['7']);
  });
});
