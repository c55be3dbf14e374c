import { topicOf } from './order-notifications';

describe('topicOf', () => {
  it('tells a filled entry from a triggered stop-loss or take-profit', () => {
    expect(topicOf({ status: 'filled', role: 'entry' })).toBe('order_filled');
    expect(topicOf({ status: 'filled', role: 'stop_loss' })).toBe('stop_loss_triggered');
    expect(topicOf({ status: 'filled', role: 'take_profit' })).toBe('take_profit_triggered');
  });

  it('notifies partial fills, cancels and rejections, and none of the steps on the way', () => {
    expect(topicOf({ status: 'partially_filled', role: 'entry' })).toBe('order_partially_filled');
    expect(topicOf({ status: 'canceled', role: 'take_profit' })).toBe('order_canceled');
    expect(topicOf({ status: 'rejected', role: 'entry' })).toBe('order_rejected');
    for (const status of ['new', 'open', 'unknown'] as const) expect(topicOf({ status, role: 'entry' })).toBeNull();
  });
});
