import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, Validate, ValidateIf } from 'class-validator';
import { MARKET_DATA_MODES } from '@lilux/contracts';
import { FernetKeyList, HttpOriginList, JwtSecret, NotLessThan, OutlastsAccessTokens, PasswordByteLength } from './environment.validators';
import { HardToGuessPassword } from '../passwords/hard-to-guess-password';
import { parseDuration, parseList } from './environment.parsers';

export const NODE_ENVIRONMENTS = ['production', 'development', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every setting Lilux reads from the environment (or `.env`), validated before the server listens.
 * `.env.example` documents each one; keep the two in step.
 */
export class Environment {
  @IsIn(NODE_ENVIRONMENTS, { message: `must be one of ${NODE_ENVIRONMENTS.join(', ')}` })
  NODE_ENV: (typeof NODE_ENVIRONMENTS)[number] = 'production';

  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  HOST = '127.0.0.1';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be between 0 and 65535' })
  @Max(65535, { message: 'must be between 0 and 65535' })
  PORT = 3000;

  /** Milliseconds a client has to send a request's headers; a slower one is answered 408 and hung up on. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(1000, { message: 'must be at least 1000' })
  @Max(600_000, { message: 'must be at most 600000' })
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  /** Milliseconds a client has to send a whole request, body included: a body trickled in is cut off. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(1000, { message: 'must be at least 1000' })
  @Max(600_000, { message: 'must be at most 600000' })
  @Validate(NotLessThan, ['HTTP_HEADERS_TIMEOUT_MS'])
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /**
   * Milliseconds an idle connection is kept open for the client's next request. Longer than the 60 s after
   * which nginx and most load balancers drop their idle connections, so that they, not we, close first.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(1000, { message: 'must be at least 1000' })
  @Max(600_000, { message: 'must be at most 600000' })
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 72_000;

  /** Connections open at once, WebSockets included; more are dropped as they arrive. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  HTTP_MAX_CONNECTIONS = 500;

  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'must be sqlite:<file path> (e.g. sqlite:data/lilux.db) or postgres://user:password@host:port/db',
  })
  DATABASE_URL = 'sqlite:data/lilux.db';

  /** Redis that several instances share (events, logouts, rate limits); empty runs Lilux as one process. */
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @Matches(/^rediss?:\/\/.+$/, { message: 'must be redis://host:port (or rediss:// for TLS), or empty for one process' })
  REDIS_URL?: string;

  /** What this deployment's Redis keys and channels start with, so several can share one Redis. */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, { message: 'must be 1 to 32 letters, digits, ".", "_" or "-"' })
  REDIS_PREFIX = 'lilux';

  @Validate(JwtSecret)
  JWT_SECRET!: string;

  /**
   * Access token lifetime in seconds; the variable accepts `900`, `15m`, `1h` or `1d`. Short, because the console
   * renews its token from the refresh cookie, and a script signs in again.
   */
  @Transform(({ value }) => (value === undefined ? value : parseDuration(String(value))))
  @IsInt({ message: 'must be a duration such as 15m, 1h, 1d or a number of seconds' })
  @Min(60, { message: 'must be at least 60 seconds' })
  @Max(30 * 24 * 3600, { message: 'must be at most 30 days' })
  JWT_TTL = 900;

  /** How long a session may go unused (no refresh) before it ends, in seconds; each refresh starts it again. */
  @Transform(({ value }) => (value === undefined ? value : parseDuration(String(value))))
  @IsInt({ message: 'must be a duration such as 12h, 30d or a number of seconds' })
  @Validate(OutlastsAccessTokens)
  @Max(365 * 24 * 3600, { message: 'must be at most 365 days' })
  REFRESH_TTL = 30 * 24 * 3600;

  /** How long a session lasts at most after sign-in, refreshed or not, in seconds. */
  @Transform(({ value }) => (value === undefined ? value : parseDuration(String(value))))
  @IsInt({ message: 'must be a duration such as 12h, 90d or a number of seconds' })
  @Min(3600, { message: 'must be at least 1 hour' })
  @Max(365 * 24 * 3600, { message: 'must be at most 365 days' })
  SESSION_MAX_AGE = 90 * 24 * 3600;

  /** Fernet keys, newest first: FERNET_KEYS (comma-separated), or FERNET_KEY as a shorthand for one key. */
  @Transform(({ value }) => (Array.isArray(value) ? value : parseList(value)))
  @ArrayNotEmpty({ message: 'is missing: set FERNET_KEY (or FERNET_KEYS, comma-separated, newest first)' })
  @Validate(FernetKeyList)
  FERNET_KEYS!: string[];

  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/, { message: 'must be 3 to 32 letters, digits, ".", "_" or "-"' })
  ADMIN_USER = 'admin';

  @IsOptional()
  @Validate(PasswordByteLength)
  @Validate(HardToGuessPassword)
  ADMIN_PASSWORD?: string;

  /** Browser origins allowed to call the API from another site; empty means same-origin only. */
  @Transform(({ value }) => (Array.isArray(value) ? value : parseList(value)))
  @Validate(HttpOriginList)
  CORS_ORIGINS: string[] = [];

  /** Only behind a reverse proxy: trust X-Forwarded-For for the client address (rate limits use it). */
  @Transform(({ value }) => (typeof value === 'string' ? parseBoolean(value) : value))
  @IsBoolean({ message: 'must be true or false' })
  TRUST_PROXY = false;

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  RATE_LIMIT_PER_MINUTE = 600;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  LOGIN_RATE_LIMIT_PER_MINUTE = 5;

  /** WebSocket upgrades (`/ws`) a minute per client address, counted before the token is looked at. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  WS_RATE_LIMIT_PER_MINUTE = 60;

  /** Open WebSockets a user may hold on one instance (tabs, devices, scripts). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  WS_MAX_SOCKETS_PER_USER = 20;

  /** Login attempts a minute from one client address, whatever the usernames: guessing names costs bcrypt work too. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE = 20;

  /** Password hashes (logins, password checks) that may wait for a free core; more are refused with 503. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(10_000, { message: 'must be at most 10000' })
  PASSWORD_HASH_QUEUE_LIMIT = 16;

  /** Where prices come from: Binance's public API, the offline simulated feed, or `auto` (Binance if reachable). */
  @IsIn(MARKET_DATA_MODES, { message: `must be one of ${MARKET_DATA_MODES.join(', ')}` })
  MARKET_DATA: (typeof MARKET_DATA_MODES)[number] = 'auto';

  /** Base URL of Binance's spot REST API (`…/api/v3`); only for mirrors and tests, empty means Binance itself. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL such as https://api.binance.com/api/v3' })
  MARKET_DATA_URL?: string;

  /** Milliseconds before a market-data request to the exchange counts as failed. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100, { message: 'must be at least 100' })
  @Max(60_000, { message: 'must be at most 60000' })
  MARKET_DATA_TIMEOUT_MS = 10_000;

  /** Seed of the simulated feed: the same seed gives the same price history. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  MARKET_SEED = 1;

  /** Memory the cache of closed candles may take, in megabytes. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number of megabytes' })
  @Min(1, { message: 'must be at least 1' })
  @Max(4096, { message: 'must be at most 4096' })
  MARKET_CACHE_MB = 64;

  /** USDT every new or reset paper account starts with. */
  @Matches(/^\d{1,12}(\.\d{1,8})?$/, { message: 'must be a positive amount such as 10000' })
  PAPER_START_BALANCE = '10000';

  /** Fee of a paper fill that takes liquidity (market orders, stop-losses), as a fraction: 0.001 is 0.1 %. */
  @Matches(/^0(\.\d{1,8})?$/, { message: 'must be a fraction below 1 such as 0.001' })
  PAPER_TAKER_FEE = '0.001';

  /** Fee of a paper fill that rested on the book (limit orders, take-profits), as a fraction. */
  @Matches(/^0(\.\d{1,8})?$/, { message: 'must be a fraction below 1 such as 0.001' })
  PAPER_MAKER_FEE = '0.001';

  /** How far from the last price a paper market order fills, in basis points (1 bp = 0.01 %). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number of basis points' })
  @Min(0, { message: 'must be at least 0' })
  @Max(1000, { message: 'must be at most 1000' })
  PAPER_SLIPPAGE_BPS = 5;

  /** Whether orders may go to Binance live accounts; testnet and paper never need it. */
  @Transform(({ value }) => (typeof value === 'string' ? parseBoolean(value) : value))
  @IsBoolean({ message: 'must be true or false' })
  ALLOW_LIVE_TRADING = false;

  /** Base URL of Binance's spot testnet API (`…/api/v3`) for exchange accounts; only for tests, empty means Binance's. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL such as https://testnet.binance.vision/api/v3' })
  BINANCE_TESTNET_URL?: string;

  /** Base URL of Binance's live spot API for exchange accounts; only for tests, empty means Binance's. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL such as https://api.binance.com/api/v3' })
  BINANCE_LIVE_URL?: string;

  /** Milliseconds before a request to an exchange account counts as failed. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100, { message: 'must be at least 100' })
  @Max(60_000, { message: 'must be at most 60000' })
  EXCHANGE_TIMEOUT_MS = 10_000;

  /** Days the audit log keeps an event; 0 keeps every event for ever. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number of days, 0 to keep every event' })
  @Min(0, { message: 'must be 0 (keep every event) or more' })
  @Max(36_500, { message: 'must be at most 36500' })
  AUDIT_RETENTION_DAYS = 0;

  /** Active price alerts one user may have at once; creating or re-arming one more is refused. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(100_000, { message: 'must be at most 100000' })
  ALERTS_PER_USER = 200;

  /** Notifications a minute one user gets on their outside channels; beyond it, only in the console. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  NOTIFICATIONS_PER_MINUTE = 30;

  /** Attempts to deliver a notification on an outside channel before it is given up. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(20, { message: 'must be at most 20' })
  NOTIFICATION_DELIVERY_ATTEMPTS = 6;

  /** Milliseconds before the first retry of a failed delivery; each next retry waits twice as long. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(10, { message: 'must be at least 10' })
  @Max(3_600_000, { message: 'must be at most 3600000' })
  NOTIFICATION_RETRY_MS = 5_000;

  /**
   * Whether webhooks may point at loopback, private, link-local or other non-public addresses. Off, a user cannot
   * make the server call into its own network (SSRF); on, only for a trusted team with an internal receiver.
   */
  @Transform(({ value }) => (typeof value === 'string' ? parseBoolean(value) : value))
  @IsBoolean({ message: 'must be true or false' })
  ALERT_WEBHOOK_ALLOW_PRIVATE = false;

  /** Milliseconds a webhook, Telegram or the SMTP server has to take one notification before the attempt counts as failed. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100, { message: 'must be at least 100' })
  @Max(60_000, { message: 'must be at most 60000' })
  ALERT_CHANNEL_TIMEOUT_MS = 10_000;

  /** Deliveries given up in a row after which a channel is paused until its owner saves or tests it again. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(1000, { message: 'must be at most 1000' })
  ALERT_CHANNEL_PAUSE_AFTER = 5;

  /** Base URL of the Telegram Bot API; only for tests and self-hosted Bot API servers. */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL such as https://api.telegram.org' })
  TELEGRAM_API_URL = 'https://api.telegram.org';

  /** The SMTP server that sends notification emails; empty leaves the email channel off. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.:[\]-]+$/, { message: 'must be a host name or address such as smtp.example.com' })
  SMTP_HOST?: string;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be between 1 and 65535' })
  @Max(65535, { message: 'must be between 1 and 65535' })
  SMTP_PORT = 587;

  /** TLS from the first byte (port 465); false starts in the clear and upgrades with STARTTLS when the server offers it. */
  @Transform(({ value }) => (typeof value === 'string' ? parseBoolean(value) : value))
  @IsBoolean({ message: 'must be true or false' })
  SMTP_SECURE = false;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  /** The sender of notification emails; required with SMTP_HOST. */
  @ValidateIf((environment: Environment) => environment.SMTP_HOST !== undefined || environment.SMTP_FROM !== undefined)
  @Matches(/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message: 'must be an email address such as lilux@example.com or "Lilux <lilux@example.com>" (required with SMTP_HOST)',
  })
  SMTP_FROM?: string;
}

function parseBoolean(value: string): boolean | string {
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalized)) return true;
  if (['false', '0', 'no', ''].includes(normalized)) return false;
  return value;
}
