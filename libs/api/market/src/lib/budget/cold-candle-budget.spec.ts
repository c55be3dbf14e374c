import { ManualClock } from '@lilux/api/shared';
import { ColdCandleBudgetSpentError } from '../market-data.errors';
import { COLD_CANDLE_BURST_MINUTES, ColdCandleBudget } from './cold-candle-budget';

const DAILY_CHART = 1000 * 1440;

describe('ColdCandleBudget', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 26));

  function refusal(budget: ColdCandleBudget, user: string, minutes: number): ColdCandleBudgetSpentError {
    try {
      budget.spend(user, minutes);
    } catch (error) {
      if (error instanceof ColdCandleBudgetSpentError) return error;
      throw error;
    }
    throw new Error(`${minutes} minutes for ${user} were not refused`);
  }

  it('lets a user have three cold daily charts at once, refuses the fourth with the wait, and refills at a chart a minute', () => {
    const budget = new ColdCandleBudget(clock);
    for (let chart = 0; chart < 3; chart++) budget.spend('alice', DAILY_CHART);
    const refused = refusal(budget, 'alice', DAILY_CHART);
    expect(refused.status).toBe(429);
    expect(refused.retryAfterSeconds).toBeCloseTo(60, 6);
    clock.advance(59_000);
    expect(refusal(budget, 'alice', DAILY_CHART).retryAfterSeconds).toBeCloseTo(1, 6);
    clock.advance(1000);
    budget.spend('alice', DAILY_CHART);
  });

  it('keeps each user to a budget of their own', () => {
    const budget = new ColdCandleBudget(clock);
    budget.spend('alice', COLD_CANDLE_BURST_MINUTES);
    refusal(budget, 'alice', 1440);
    budget.spend('bob', COLD_CANDLE_BURST_MINUTES);
  });

  it('charges nothing for cached candles, even to a user who spent everything', () => {
    const budget = new ColdCandleBudget(clock);
    budget.spend('alice', COLD_CANDLE_BURST_MINUTES);
    budget.spend('alice', 0);
  });

  it('never refills beyond the burst', () => {
    const budget = new ColdCandleBudget(clock, 1000, 10);
    budget.spend('alice', 400);
    clock.advance(3_600_000);
    budget.spend('alice', 1000);
    expect(refusal(budget, 'alice', 10).retryAfterSeconds).toBeCloseTo(1, 6);
  });

  it('takes a request larger than the burst from a full bucket, then waits until the debt is paid', () => {
    const budget = new ColdCandleBudget(clock, 1000, 10);
    budget.spend('alice', 1500);
    expect(refusal(budget, 'alice', 100).retryAfterSeconds).toBeCloseTo(60, 6);
  });
});
