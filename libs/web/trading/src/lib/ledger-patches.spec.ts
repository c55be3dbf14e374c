import type { Balance, Order, Portfolio, Trade, TradePage } from '@lilux/contracts';
import { withFillInBalances, withFillInPortfolio, withOrder, withOrderLock, withTrade, withTradeOnFirstPage } from './ledger-patches';

function order(fields: Partial<Order> & Pick<Order, 'id'>): Order {
  return {
    accountId: 'paper-1',
    clientOrderId: `client-${fields.id}`,
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

function trade(fields: Partial<Trade> & Pick<Trade, 'id'>): Trade {
  return {
    orderId: 'order-1',
    accountId: 'paper-1',
    time: '2026-11-26T10:00:00.000Z',
    symbol: 'BTC/USDT',
    side: 'buy',
    qty: '0.01',
    price: '98000',
    quoteQty: '980',
    fee: '0.98',
    feeAsset: 'USDT',
    liquidity: 'taker',
    ...fields,
  };
}

const balances: Balance[] = [
  { asset: 'BTC', free: '0.5', locked: '0' },
  { asset: 'USDT', free: '10000', locked: '0' },
];

function portfolio(fields: Partial<Portfolio> = {}): Portfolio {
  return {
    user: 'alice',
    accountId: 'paper-1',
    total_usdt: '10000',
    cash: '10000',
    fees_paid: '0',
    positions: [],
    pnls: { realized: '0', unrealized: '0' },
    valuedAt: '2026-11-26T10:00:00.000Z',
    ...fields,
  };
}

describe('withOrder', () => {
  it('adds a resting order where the server lists it, newest first', () => {
    const older = order({ id: 'a', createdAt: '2026-11-26T09:00:00.000Z' });
    const newer = order({ id: 'b', createdAt: '2026-11-26T11:00:00.000Z' });
    expect(withOrder([newer], older).map(({ id }) => id)).toEqual(['b', 'a']);
    expect(withOrder([older], newer).map(({ id }) => id)).toEqual(['b', 'a']);
  });

  it('replaces an order it already lists with its newer state', () => {
    const placed = order({ id: 'a' });
    const partly = order({ id: 'a', status: 'partially_filled', filledQty: '0.004' });
    expect(withOrder([placed], partly)).toEqual([partly]);
  });

  it('removes an order that filled, was canceled or rejected', () => {
    const open = [order({ id: 'a' }), order({ id: 'b', createdAt: '2026-11-26T09:00:00.000Z' })];
    for (const status of ['filled', 'canceled', 'rejected'] as const) {
      expect(withOrder(open, order({ id: 'a', status })).map(({ id }) => id)).toEqual(['b']);
    }
  });

  it('leaves the list as it was for a market order that filled at once', () => {
    const open = [order({ id: 'a' })];
    expect(withOrder(open, order({ id: 'm', type: 'market', status: 'filled' }))).toEqual(open);
  });
});

describe('withTrade', () => {
  it('puts a new fill first and keeps at most the limit', () => {
    const fills = [trade({ id: 't1', time: '2026-11-26T09:00:00.000Z' }), trade({ id: 't0', time: '2026-11-26T08:00:00.000Z' })];
    expect(withTrade(fills, trade({ id: 't2' }), 2).map(({ id }) => id)).toEqual(['t2', 't1']);
  });

  it('changes nothing for a fill heard twice', () => {
    const fills = [trade({ id: 't1' })];
    expect(withTrade(fills, trade({ id: 't1' }), 10)).toEqual(fills);
  });
});

describe('withTradeOnFirstPage', () => {
  const page: TradePage = { trades: [trade({ id: 't1', time: '2026-11-26T09:00:00.000Z' })], total: 11, limit: 10, offset: 0, nextCursor: null };

  it('shows a new fill on top of the first page and counts it', () => {
    const patched = withTradeOnFirstPage(page, trade({ id: 't2' }));
    expect(patched.trades.map(({ id }) => id)).toEqual(['t2', 't1']);
    expect(patched.total).toBe(12);
  });

  it('keeps the row a full page had last, since the next page starts after it', () => {
    const full: TradePage = { trades: [trade({ id: 't1', time: '2026-11-26T09:00:00.000Z' })], limit: 1, offset: 0, nextCursor: 'after-t1' };
    const patched = withTradeOnFirstPage(full, trade({ id: 't2' }));
    expect(patched.trades.map(({ id }) => id)).toEqual(['t2', 't1']);
    expect(patched.nextCursor).toBe('after-t1');
  });

  it('leaves a fill already shown alone', () => {
    expect(withTradeOnFirstPage(page, trade({ id: 't1' }))).toBe(page);
  });
});

describe('withOrderLock', () => {
  it('moves what a new limit buy locks from free to locked', () => {
    const placed = order({ id: 'a', lockedAmount: '980.784', lockedAsset: 'USDT' });
    expect(withOrderLock(balances, undefined, placed)).toEqual([
      { asset: 'BTC', free: '0.5', locked: '0' },
      { asset: 'USDT', free: '9019.216', locked: '980.784' },
    ]);
  });

  it('gives the lock back when the order leaves the book', () => {
    const locked = [balances[0], { asset: 'USDT', free: '9019.216', locked: '980.784' }];
    const resting = order({ id: 'a', lockedAmount: '980.784' });
    expect(withOrderLock(locked, resting, order({ id: 'a', status: 'canceled', lockedAmount: '0' }))).toEqual(balances);
  });

  it('locks the coins a stop-loss / take-profit pair sells back', () => {
    const leg = order({ id: 'sl', role: 'stop_loss', side: 'sell', lockedAmount: '0.5', lockedAsset: 'BTC' });
    expect(withOrderLock(balances, undefined, leg)).toContainEqual({ asset: 'BTC', free: '0', locked: '0.5' });
  });

  it('changes nothing for an order that locks nothing, e.g. a market order', () => {
    expect(withOrderLock(balances, undefined, order({ id: 'm', type: 'market', status: 'filled' }))).toEqual(balances);
  });
});

describe('withFillInBalances', () => {
  it('adds the coins of a buy and takes its cost and fee from the quote', () => {
    expect(withFillInBalances(balances, trade({ id: 't' }))).toEqual([
      { asset: 'BTC', free: '0.51', locked: '0' },
      { asset: 'USDT', free: '9019.02', locked: '0' },
    ]);
  });

  it('takes the coins of a sell and adds its proceeds less the fee', () => {
    expect(withFillInBalances(balances, trade({ id: 't', side: 'sell' }))).toEqual([
      { asset: 'BTC', free: '0.49', locked: '0' },
      { asset: 'USDT', free: '10979.02', locked: '0' },
    ]);
  });

  it('a limit buy that fills later: its lock comes back, then the fill is paid from free, leaving what a market buy would', () => {
    const afterPlacing = withOrderLock(balances, undefined, order({ id: 'a', lockedAmount: '980.784' }));
    const released = withOrderLock(afterPlacing, order({ id: 'a', lockedAmount: '980.784' }), order({ id: 'a', status: 'filled', lockedAmount: '0' }));
    expect(withFillInBalances(released, trade({ id: 't', fee: '0.784', liquidity: 'maker' }))).toEqual([
      { asset: 'BTC', free: '0.51', locked: '0' },
      { asset: 'USDT', free: '9019.216', locked: '0' },
    ]);
  });
});

describe('withFillInPortfolio', () => {
  it('opens a position at the fill price with the fee in its average cost, and takes the cash', () => {
    const patched = withFillInPortfolio(portfolio(), trade({ id: 't' }));
    expect(patched.cash).toBe('9019.02');
    expect(patched.fees_paid).toBe('0.98');
    expect(patched.positions).toEqual([
      {
        asset: 'BTC',
        symbol: 'BTC/USDT',
        qty: '0.01',
        averageCost: '98098',
        lastPrice: '98000',
        value: '980',
        unrealizedPnl: '-0.98',
        unrealizedPnlPercent: '-0.10',
      },
    ]);
    expect(patched.total_usdt).toBe('9999.02');
    expect(patched.pnls.unrealized).toBe('-0.98');
  });

  it('folds a second buy into the average cost and values it at the last price known', () => {
    const held = withFillInPortfolio(portfolio(), trade({ id: 't1', fee: '0' }));
    const priced = { ...held, positions: held.positions.map((position) => ({ ...position, lastPrice: '100000', value: '1000' })) };
    const patched = withFillInPortfolio(priced, trade({ id: 't2', price: '102000', quoteQty: '1020', fee: '0' }));
    expect(patched.positions[0]).toMatchObject({ qty: '0.02', averageCost: '100000', lastPrice: '100000', value: '2000', unrealizedPnl: '0' });
  });

  it('closes the position when everything is sold', () => {
    const held = withFillInPortfolio(portfolio(), trade({ id: 't1' }));
    const patched = withFillInPortfolio(held, trade({ id: 't2', side: 'sell' }));
    expect(patched.positions).toEqual([]);
    expect(patched.cash).toBe('9998.04');
    expect(patched.total_usdt).toBe('9998.04');
  });

  it('leaves another account’s portfolio alone', () => {
    const mine = portfolio();
    expect(withFillInPortfolio(mine, trade({ id: 't', accountId: 'paper-2' }))).toBe(mine);
  });
});
