import { statusOf } from './ccxt-exchange';

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
