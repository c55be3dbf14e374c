import { PasswordHasher } from './password-hasher';
import { PasswordHashingBusyError } from './users.errors';

describe('PasswordHasher (real bcrypt)', () => {
  it('hashes at cost 12 and tells a right password from a wrong one', async () => {
    const hasher = new PasswordHasher(4);
    const passwordHash = await hasher.hash('correct horse battery');
    expect(passwordHash).toMatch(/^\$2b\$12\$/);
    expect(await hasher.matches('correct horse battery', passwordHash)).toBe(true);
    expect(await hasher.matches('correct horse battery!', passwordHash)).toBe(false);
  });

  it('still compares once for an unknown user, and says no', async () => {
    const started = performance.now();
    expect(await new PasswordHasher(4).matches('any-password', undefined)).toBe(false);
    // A cost-12 comparison; skipping it would take well under a millisecond.
    expect(performance.now() - started).toBeGreaterThan(20);
  });

  it('refuses a hash at once when the queue is full, telling when to come back, and takes hashes again once it drains', async () => {
    const hasher = new PasswordHasher(2, 1);
    const accepted = [hasher.matches('one', undefined), hasher.matches('two', undefined), hasher.matches('three', undefined)];
    const refused = hasher.matches('four', undefined);

    await expect(refused).rejects.toBeInstanceOf(PasswordHashingBusyError);
    await expect(refused).rejects.toMatchObject({ status: 503, retryAfterSeconds: 1 });
    expect(await Promise.all(accepted)).toEqual([false, false, false]);
    expect(await hasher.matches('five', undefined)).toBe(false);
  });

  it('runs the waiting hashes in the order they came', async () => {
    const hasher = new PasswordHasher(3, 1);
    const finished: string[] = [];
    const hashes = ['first', 'second', 'third', 'fourth'].map((name) => hasher.matches(name, undefined).then(() => finished.push(name)));
    await Promise.all(hashes);
    expect(finished).toEqual(['first', 'second', 'third', 'fourth']);
  });
});
