import { ManualClock } from './clock';
import { RateLimitBackoff, retryAfterMs } from './rate-limit-backoff';

describe('RateLimitBackoff', () => {
  const clock = new ManualClock(1_000_000);
  const backoff = () => new RateLimitBackoff(clock, 1_000, 8_000);

  it('lets requests go until the exchange refuses one', () => {
    expect(backoff().remainingMs()).toBe(0);
  });

  it('pauses for as long as the exchange asked, counting down with the clock', () => {
    const subject = backoff();
    expect(subject.refused(30_000)).toBe(30_000);
    clock.advance(29_999);
    expect(subject.remainingMs()).toBe(1);
    clock.advance(1);
    expect(subject.remainingMs()).toBe(0);
  });

  it('doubles its own pause with every refusal in a row, up to the ceiling', () => {
    const subject = backoff();
    expect([1, 2, 3, 4, 5].map(() => subject.refused())).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('never pauses for less than the doubled pause, even when the exchange asks for less', () => {
    const subject = backoff();
    subject.refused();
    subject.refused();
    expect(subject.refused(1_000)).toBe(4_000);
  });

  it('starts again from the first pause once a request goes through', () => {
    const subject = backoff();
    subject.refused();
    subject.refused();
    subject.succeeded();
    expect(subject.refused()).toBe(1_000);
  });
});

describe('retryAfterMs', () => {
  it.each([
    [{ 'Retry-After': '120' }, 120_000],
    [{ 'Retry-After': '0' }, 0],
    [{ 'Retry-After': 'soon' }, 0],
    [{}, 0],
    [undefined, 0],
  ])('reads %j as %i ms', (headers, expected) => {
    expect(retryAfterMs(headers)).toBe(expected);
  });
});
