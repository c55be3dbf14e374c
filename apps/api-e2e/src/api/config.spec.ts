import { runToExit } from '@lilux/api/testing';

describe('configuration errors stop the process before it listens', () => {
  it.each([
    [{ FERNET_KEY: 'not-a-fernet-key' }, /^Invalid configuration: FERNET_KEYS must be 32 bytes encoded as url-safe base64/],
    [{ FERNET_KEY: undefined }, /^Invalid configuration: FERNET_KEYS is missing: set FERNET_KEY/],
    [{ JWT_SECRET: 'change-me-to-at-least-32-random-characters' }, /^Invalid configuration: JWT_SECRET is still the .env.example placeholder/],
    [{ JWT_SECRET: 'too-short' }, /^Invalid configuration: JWT_SECRET must be at least 32 characters/],
    [{ DATABASE_URL: 'mongodb://localhost/lilux' }, /^Invalid configuration: DATABASE_URL must be sqlite:/],
    [{ PORT: 'http' }, /^Invalid configuration: PORT must be a whole number/],
  ])('%j', (environment, expected) => {
    const result = runToExit('main.js', environment);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(result.stdout).toBe('');
  });
});

describe('npm run keys:rotate', () => {
  it('runs against the database and reports what it re-encrypted', () => {
    const result = runToExit('rotate-keys.js', {
      FERNET_KEYS: 'Lm0yp0k2AkX5Z4m6HqVgkQn7bCq2rM0gPpXJ9p3yXjA=,cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+ secret\(s\) re-encrypted under the newest key$/m);
  });

  it('stops on a bad key like the server does', () => {
    const result = runToExit('rotate-keys.js', { FERNET_KEYS: 'bad' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Invalid configuration: FERNET_KEYS/);
  });
});
