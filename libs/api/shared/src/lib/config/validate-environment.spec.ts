import { JWT_SECRET_PLACEHOLDER } from './environment.validators';
import { ConfigError, validateEnvironment } from './validate-environment';

const FERNET_KEY = 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=';
const OTHER_KEY = 'Lm0yp0k2AkX5Z4m6HqVgkQn7bCq2rM0gPpXJ9p3yXjA=';
const JWT_SECRET = 'x'.repeat(40);

function problemWith(raw: Record<string, string>): string {
  try {
    validateEnvironment(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('validateEnvironment', () => {
  it('fills in the documented defaults', () => {
    const environment = validateEnvironment({ JWT_SECRET, FERNET_KEY });
    expect(environment).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      DATABASE_URL: 'sqlite:data/lilux.db',
      JWT_TTL: 900,
      REFRESH_TTL: 30 * 24 * 3600,
      SESSION_MAX_AGE: 90 * 24 * 3600,
      FERNET_KEYS: [FERNET_KEY],
      ADMIN_USER: 'admin',
      CORS_ORIGINS: [],
      TRUST_PROXY: false,
      LOGIN_RATE_LIMIT_PER_MINUTE: 5,
      WS_RATE_LIMIT_PER_MINUTE: 60,
      WS_MAX_SOCKETS_PER_USER: 20,
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 72_000,
      HTTP_MAX_CONNECTIONS: 500,
      LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: 20,
      PASSWORD_HASH_QUEUE_LIMIT: 16,
      ALERT_WEBHOOK_ALLOW_PRIVATE: false,
      ALERT_CHANNEL_TIMEOUT_MS: 10_000,
      ALERT_CHANNEL_PAUSE_AFTER: 5,
      TELEGRAM_API_URL: 'https://api.telegram.org',
      SMTP_PORT: 587,
      SMTP_SECURE: false,
    });
    expect(environment.SMTP_HOST).toBeUndefined();
    expect(environment.ADMIN_PASSWORD).toBeUndefined();
  });

  it('reads FERNET_KEYS newest first and prefers it to FERNET_KEY', () => {
    const environment = validateEnvironment({ JWT_SECRET, FERNET_KEY, FERNET_KEYS: `${OTHER_KEY}, ${FERNET_KEY}` });
    expect(environment.FERNET_KEYS).toEqual([OTHER_KEY, FERNET_KEY]);
  });

  it('parses JWT_TTL durations into seconds', () => {
    expect(validateEnvironment({ JWT_SECRET, FERNET_KEY, JWT_TTL: '15m' }).JWT_TTL).toBe(900);
    expect(validateEnvironment({ JWT_SECRET, FERNET_KEY, JWT_TTL: '2h' }).JWT_TTL).toBe(7200);
    expect(validateEnvironment({ JWT_SECRET, FERNET_KEY, JWT_TTL: '600' }).JWT_TTL).toBe(600);
  });

  it('parses the session lifetimes as durations too', () => {
    expect(validateEnvironment({ JWT_SECRET, FERNET_KEY, REFRESH_TTL: '12h', SESSION_MAX_AGE: '7d' })).toMatchObject({
      REFRESH_TTL: 12 * 3600,
      SESSION_MAX_AGE: 7 * 24 * 3600,
    });
  });

  it('accepts a postgres DATABASE_URL', () => {
    const environment = validateEnvironment({ JWT_SECRET, FERNET_KEY, DATABASE_URL: 'postgres://lilux:pw@db:5432/lilux' });
    expect(environment.DATABASE_URL).toBe('postgres://lilux:pw@db:5432/lilux');
  });

  it('runs as one process with an empty REDIS_URL, and as a cluster member with a redis:// one', () => {
    expect(validateEnvironment({ JWT_SECRET, FERNET_KEY, REDIS_URL: '' }).REDIS_URL).toBeUndefined();
    expect(validateEnvironment({ JWT_SECRET, FERNET_KEY }).REDIS_PREFIX).toBe('lilux');
    expect(validateEnvironment({ JWT_SECRET, FERNET_KEY, REDIS_URL: 'redis://cache:6379' }).REDIS_URL).toBe('redis://cache:6379');
  });

  it.each([
    [{ JWT_SECRET, FERNET_KEY, REDIS_URL: 'cache:6379' }, 'REDIS_URL must be redis://host:port'],
    [{ JWT_SECRET, FERNET_KEY, REDIS_PREFIX: 'a b' }, 'REDIS_PREFIX must be 1 to 32 letters'],
    [{ FERNET_KEY }, 'JWT_SECRET is missing'],
    [{ FERNET_KEY, JWT_SECRET: JWT_SECRET_PLACEHOLDER }, 'JWT_SECRET is still the .env.example placeholder'],
    [{ FERNET_KEY, JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ JWT_SECRET }, 'FERNET_KEYS is missing: set FERNET_KEY'],
    [{ JWT_SECRET, FERNET_KEY: 'abc' }, 'FERNET_KEYS must be 32 bytes encoded as url-safe base64'],
    [{ JWT_SECRET, FERNET_KEYS: `${FERNET_KEY},nope` }, 'FERNET_KEYS key 2 must be 32 bytes'],
    [{ JWT_SECRET, FERNET_KEY, DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be sqlite:<file path>'],
    [{ JWT_SECRET, FERNET_KEY, PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ JWT_SECRET, FERNET_KEY, PORT: '70000' }, 'PORT must be between 0 and 65535'],
    [{ JWT_SECRET, FERNET_KEY, JWT_TTL: 'forever' }, 'JWT_TTL must be a duration'],
    [{ JWT_SECRET, FERNET_KEY, REFRESH_TTL: 'a while' }, 'REFRESH_TTL must be a duration'],
    [{ JWT_SECRET, FERNET_KEY, REFRESH_TTL: '10m' }, 'REFRESH_TTL must be longer than JWT_TTL (900 s)'],
    [{ JWT_SECRET, FERNET_KEY, JWT_TTL: '2h', REFRESH_TTL: '1h' }, 'REFRESH_TTL must be longer than JWT_TTL (7200 s)'],
    [{ JWT_SECRET, FERNET_KEY, SESSION_MAX_AGE: '30m' }, 'SESSION_MAX_AGE must be at least 1 hour'],
    [{ JWT_SECRET, FERNET_KEY, ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD must be 8 to 72 bytes'],
    [{ JWT_SECRET, FERNET_KEY, ADMIN_PASSWORD: 'é'.repeat(37) }, 'ADMIN_PASSWORD must be 8 to 72 bytes'],
    [{ JWT_SECRET, FERNET_KEY, ADMIN_PASSWORD: '    ' }, 'ADMIN_PASSWORD must be 8 to 72 bytes'],
    [{ JWT_SECRET, FERNET_KEY, ADMIN_PASSWORD: 'Password123' }, 'ADMIN_PASSWORD is one of the most common passwords'],
    [{ JWT_SECRET, FERNET_KEY, ADMIN_PASSWORD: ' '.repeat(8) }, 'ADMIN_PASSWORD must not be only spaces'],
    [{ JWT_SECRET, FERNET_KEY, LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '0' }, 'LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE must be at least 1'],
    [{ JWT_SECRET, FERNET_KEY, PASSWORD_HASH_QUEUE_LIMIT: 'many' }, 'PASSWORD_HASH_QUEUE_LIMIT must be a whole number'],
    [{ JWT_SECRET, FERNET_KEY, PASSWORD_HASH_QUEUE_LIMIT: '0' }, 'PASSWORD_HASH_QUEUE_LIMIT must be at least 1'],
    [{ JWT_SECRET, FERNET_KEY, CORS_ORIGINS: '*' }, 'CORS_ORIGINS "*" is not an origin'],
    [{ JWT_SECRET, FERNET_KEY, CORS_ORIGINS: 'https://a.example/path' }, 'CORS_ORIGINS "https://a.example/path"'],
    [{ JWT_SECRET, FERNET_KEY, TRUST_PROXY: 'maybe' }, 'TRUST_PROXY must be true or false'],
    [{ JWT_SECRET, FERNET_KEY, WS_MAX_SOCKETS_PER_USER: '0' }, 'WS_MAX_SOCKETS_PER_USER must be at least 1'],
    [{ JWT_SECRET, FERNET_KEY, ALERTS_PER_USER: '0' }, 'ALERTS_PER_USER must be at least 1'],
    [{ JWT_SECRET, FERNET_KEY, NOTIFICATIONS_PER_MINUTE: 'lots' }, 'NOTIFICATIONS_PER_MINUTE must be a whole number'],
    [{ JWT_SECRET, FERNET_KEY, NOTIFICATION_DELIVERY_ATTEMPTS: '21' }, 'NOTIFICATION_DELIVERY_ATTEMPTS must be at most 20'],
    [{ JWT_SECRET, FERNET_KEY, NOTIFICATION_RETRY_MS: '5' }, 'NOTIFICATION_RETRY_MS must be at least 10'],
    [{ JWT_SECRET, FERNET_KEY, HTTP_REQUEST_TIMEOUT_MS: '500' }, 'HTTP_REQUEST_TIMEOUT_MS must be at least 1000'],
    [{ JWT_SECRET, FERNET_KEY, HTTP_HEADERS_TIMEOUT_MS: 'soon' }, 'HTTP_HEADERS_TIMEOUT_MS must be a whole number of milliseconds'],
    [
      { JWT_SECRET, FERNET_KEY, HTTP_HEADERS_TIMEOUT_MS: '40000', HTTP_REQUEST_TIMEOUT_MS: '20000' },
      'HTTP_REQUEST_TIMEOUT_MS must be at least HTTP_HEADERS_TIMEOUT_MS (40000)',
    ],
    [{ JWT_SECRET, FERNET_KEY, HTTP_MAX_CONNECTIONS: '0' }, 'HTTP_MAX_CONNECTIONS must be at least 1'],
    [{ JWT_SECRET, FERNET_KEY, ALERT_WEBHOOK_ALLOW_PRIVATE: 'sometimes' }, 'ALERT_WEBHOOK_ALLOW_PRIVATE must be true or false'],
    [{ JWT_SECRET, FERNET_KEY, ALERT_CHANNEL_TIMEOUT_MS: '50' }, 'ALERT_CHANNEL_TIMEOUT_MS must be at least 100'],
    [{ JWT_SECRET, FERNET_KEY, ALERT_CHANNEL_PAUSE_AFTER: '0' }, 'ALERT_CHANNEL_PAUSE_AFTER must be at least 1'],
    [{ JWT_SECRET, FERNET_KEY, TELEGRAM_API_URL: 'api.telegram.org' }, 'TELEGRAM_API_URL must be an http(s) URL'],
    [{ JWT_SECRET, FERNET_KEY, SMTP_HOST: 'smtp.example.com' }, 'SMTP_FROM must be an email address'],
    [{ JWT_SECRET, FERNET_KEY, SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'lilux' }, 'SMTP_FROM must be an email address'],
    [{ JWT_SECRET, FERNET_KEY, SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'a@b.example', SMTP_PORT: '0' }, 'SMTP_PORT must be between 1 and 65535'],
    [{ JWT_SECRET, FERNET_KEY, SMTP_HOST: 'smtp.example.com/x', SMTP_FROM: 'a@b.example' }, 'SMTP_HOST must be a host name'],
  ])('refuses %j with one line naming the variable', (raw, expected) => {
    const message = problemWith(raw as Record<string, string>);
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });
});
