import { ManualClock } from '@lilux/api/shared';
import { CODE_ATTEMPT_LIMIT, CODE_ATTEMPT_WINDOW_MS, MemoryCodeAttempts } from './code-attempts';

describe('MemoryCodeAttempts', () => {
  const start = Date.UTC(2026, 0, 1);
  let clock: ManualClock;
  let attempts: MemoryCodeAttempts;

  beforeEach(() => {
    clock = new ManualClock(start);
    attempts = new MemoryCodeAttempts(clock);
  });

  const takeMany = async (userId: string, count: number) => {
    const answers: (number | null)[] = [];
    for (let i = 0; i < count; i++) answers.push(await attempts.take(userId));
    return answers;
  };

  it('refuses the attempt after five wrong ones until the window that began with the first ends', async () => {
    expect(await takeMany('alice', CODE_ATTEMPT_LIMIT)).toEqual([null, null, null, null, null]);
    clock.advance(60_000);
    expect(await attempts.take('alice')).toBe((CODE_ATTEMPT_WINDOW_MS - 60_000) / 1000);
    clock.set(start + CODE_ATTEMPT_WINDOW_MS);
    expect(await attempts.take('alice')).toBeNull();
  });

  it('counts right codes not at all: each is given back', async () => {
    for (let i = 0; i < 20; i++) {
      expect(await attempts.take('alice')).toBeNull();
      await attempts.giveBack('alice');
    }
  });

  it('counts concurrent attempts as they come, so a burst cannot all pass', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => attempts.take('alice')));
    expect(answers.filter((answer) => answer === null)).toHaveLength(CODE_ATTEMPT_LIMIT);
  });

  it('keeps users apart', async () => {
    await takeMany('alice', CODE_ATTEMPT_LIMIT + 1);
    expect(await attempts.take('bob')).toBeNull();
  });
});
