import type { AccountProblemNotice } from '@lilux/contracts';
import { dedupeKeyOf } from './account-notifications';

describe('dedupeKeyOf', () => {
  const notice = (problem: AccountProblemNotice['problem'], at: string, exchangeOrderId?: string): AccountProblemNotice => ({
    accountId: 'acc-1',
    label: 'Testnet',
    problem,
    detail: 'no answer',
    at,
    exchangeOrderId,
  });

  it('tells an account problem once per 15 minutes, each account and problem on its own', () => {
    const first = dedupeKeyOf(notice('exchange_unreachable', '2026-11-26T17:00:00.000Z'));
    expect(dedupeKeyOf(notice('exchange_unreachable', '2026-11-26T17:14:59.999Z'))).toBe(first);
    expect(dedupeKeyOf(notice('exchange_unreachable', '2026-11-26T17:15:00.000Z'))).not.toBe(first);
    expect(dedupeKeyOf(notice('key_rejected', '2026-11-26T17:00:00.000Z'))).not.toBe(first);
    expect(dedupeKeyOf({ ...notice('exchange_unreachable', '2026-11-26T17:00:00.000Z'), accountId: 'acc-2' })).not.toBe(first);
  });

  it('tells an unknown order once, whenever it is seen again', () => {
    const first = dedupeKeyOf(notice('unknown_order_found', '2026-11-26T17:00:00.000Z', '1001'));
    expect(dedupeKeyOf(notice('unknown_order_found', '2026-11-27T09:00:00.000Z', '1001'))).toBe(first);
    expect(dedupeKeyOf(notice('unknown_order_found', '2026-11-26T17:00:00.000Z', '1002'))).not.toBe(first);
  });
});
