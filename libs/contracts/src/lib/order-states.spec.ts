import { ORDER_STATUSES, OrderStatus } from './orders';
import { ACTIVE_ORDER_STATUSES, isActive, ORDER_TRANSITIONS, RESTING_ORDER_STATUSES, UNCONFIRMED_ORDER_STATUSES, canTransition } from './order-states';

/** The table written out as pairs, so a change to it is a change to this list too. */
const ALLOWED = new Set([
  'new→open',
  'new→partially_filled',
  'new→filled',
  'new→canceled',
  'new→rejected',
  'new→unknown',
  'unknown→open',
  'unknown→partially_filled',
  'unknown→filled',
  'unknown→canceled',
  'unknown→rejected',
  'open→partially_filled',
  'open→filled',
  'open→canceled',
  'open→rejected',
  'partially_filled→filled',
  'partially_filled→canceled',
]);

const FINAL_ORDER_STATUSES = ORDER_STATUSES.filter((status) => !isActive(status));

describe('the order transition table', () => {
  const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]));

  it.each(pairs)('%s → %s is allowed exactly when listed', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED.has(`${from}→${to}`));
  });

  it('has a row for every status', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it('lets final statuses go nowhere and every active status reach a final one', () => {
    for (const status of FINAL_ORDER_STATUSES) expect(ORDER_TRANSITIONS[status]).toEqual([]);
    for (const status of ACTIVE_ORDER_STATUSES) expect(ORDER_TRANSITIONS[status].some((to) => FINAL_ORDER_STATUSES.includes(to))).toBe(true);
  });

  it('splits the active statuses into resting and unconfirmed, leaving filled, canceled and rejected final', () => {
    expect(FINAL_ORDER_STATUSES).toEqual(['filled', 'canceled', 'rejected']);
    expect([...RESTING_ORDER_STATUSES, ...UNCONFIRMED_ORDER_STATUSES].sort()).toEqual([...ACTIVE_ORDER_STATUSES].sort());
  });

  it('never returns to new: an order is stored new once, before it is sent', () => {
    for (const from of ORDER_STATUSES) expect(canTransition(from, 'new')).toBe(false);
  });
});
