import { alertProblems } from './alert-rules';

describe('alertProblems', () => {
  const level = { condition: 'above' as const, price: '98000', movePercent: null, windowMinutes: null };
  const move = { condition: 'moves' as const, price: null, movePercent: '2.5', windowMinutes: 15 };

  it('accepts a level alert with a positive level and a move with its percent and window', () => {
    expect(alertProblems(level)).toEqual({});
    expect(alertProblems(move)).toEqual({});
  });

  it('names the level of a level alert that has none or a non-positive one', () => {
    expect(alertProblems({ ...level, condition: 'crosses', price: null })).toEqual({ price: 'is needed for a crosses alert' });
    expect(alertProblems({ ...level, price: '0' })).toEqual({ price: 'must be more than 0' });
    expect(alertProblems({ ...level, condition: 'below', price: '0.000' })).toEqual({ price: 'must be more than 0' });
  });

  it('names what a move alert lacks', () => {
    expect(alertProblems({ ...move, movePercent: null, windowMinutes: null })).toEqual({
      movePercent: 'is needed for a move alert',
      windowMinutes: 'is needed for a move alert',
    });
    expect(alertProblems({ ...move, movePercent: '0' })).toEqual({ movePercent: 'must be more than 0' });
    expect(alertProblems({ ...move, movePercent: '1000.01' })).toEqual({ movePercent: 'must be at most 1000' });
  });
});
