import { ORDER_NOTIFICATION_TOPICS } from '@lilux/contracts';
import {
  ADMIN,
  login,
  request,
  runToExit,
  RunningApi,
  SmtpTestServer,
  startApi,
  TelegramTestServer,
  TEST_FERNET_KEY,
  WebhookReceiver,
} from '@lilux/api/testing';

const BOT_TOKEN = '123456789:AAHlIlUxTeStToKeNnotForRealUse_0123456';
const CHAT_ID = '-1001234567890';
const OWN_SECRET = 'my-own-signing-secret-0123456789';
const NEWER_FERNET_KEY = 'Lm0yp0k2AkX5Z4m6HqVgkQn7bCq2rM0gPpXJ9p3yXjA=';
const DEFAULTS = { topics: [...ORDER_NOTIFICATION_TOPICS], console: { sound: false, browser: false }, webhook: null, telegram: null, email: null };

describe('notification settings and channels over HTTP', () => {
  const receiver = new WebhookReceiver();
  const telegram = new TelegramTestServer(BOT_TOKEN, [CHAT_ID]);
  const smtp = new SmtpTestServer();
  /** The operator's defaults: no private webhooks, no SMTP. */
  let strict: RunningApi;
  /** A team's server with an internal webhook receiver, Telegram and SMTP. */
  let open: RunningApi;
  let receiverUrl: string;

  const users = async (api: RunningApi, names: string[], role = 'trader'): Promise<string[]> => {
    const admin = await login(api.baseUrl, ADMIN.username, ADMIN.password);
    const tokens: string[] = [];
    for (const name of names) {
      await request(api.baseUrl, 'POST', '/api/users', { token: admin, body: { username: name, password: `${name}-password-1`, role } });
      tokens.push(await login(api.baseUrl, name, `${name}-password-1`));
    }
    return tokens;
  };
  const settings = (api: RunningApi, token: string) => request(api.baseUrl, 'GET', '/api/notifications/settings', { token });
  const save = (api: RunningApi, token: string, body: unknown) => request(api.baseUrl, 'PUT', '/api/notifications/settings', { token, body });
  const test = (api: RunningApi, token: string, channel: string) => request(api.baseUrl, 'POST', `/api/notifications/settings/test/${channel}`, { token });

  beforeAll(async () => {
    receiverUrl = `${await receiver.start()}/hooks/lilux`;
    const [telegramUrl, smtpPort] = [await telegram.start(), await smtp.start()];
    const limits = { LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000', ALERT_CHANNEL_TIMEOUT_MS: '3000' };
    [strict, open] = await Promise.all([
      startApi(limits),
      startApi({
        ...limits,
        ALERT_WEBHOOK_ALLOW_PRIVATE: 'true',
        TELEGRAM_API_URL: telegramUrl,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtpPort),
        SMTP_FROM: 'Lilux <lilux@desk.example>',
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([strict?.stop(), open?.stop()]);
    await Promise.all([receiver.stop(), telegram.stop(), smtp.stop()]);
  });

  it('starts with every order topic, a quiet console and no outside channel', async () => {
    const [alice] = await users(strict, ['alice']);
    const answer = await settings(strict, alice);
    expect([answer.status, answer.body]).toEqual([200, DEFAULTS]);
  });

  it('refuses a bad request with the field named, and changes nothing', async () => {
    const [bob] = await users(strict, ['bob']);
    const cases: [unknown, string][] = [
      [{ webhook: { url: 'not a url' } }, 'webhook.url'],
      [{ webhook: { url: 'ftp://example.com/hook' } }, 'webhook.url'],
      [{ webhook: { url: 'javascript:alert(1)' } }, 'webhook.url'],
      [{ webhook: { url: 'https://user:pass@example.com/hook' } }, 'webhook.url'],
      [{ webhook: {} }, 'webhook.url'],
      [{ webhook: { url: 'https://example.com/hook', secret: 'short' } }, 'webhook.secret'],
      [{ webhook: { url: 'https://example.com/hook', followRedirects: true } }, 'webhook.followRedirects'],
      [{ webhook: 'https://example.com/hook' }, 'webhook'],
      [{ telegram: { token: BOT_TOKEN } }, 'telegram.chatId'],
      [{ telegram: { chatId: '', token: BOT_TOKEN } }, 'telegram.chatId'],
      [{ telegram: { chatId: CHAT_ID, token: 'not-a-token' } }, 'telegram.token'],
      [{ telegram: { chatId: CHAT_ID } }, 'telegram.token'],
      [{ email: { address: 'not-an-address' } }, 'email.address'],
      [{ email: { address: 'a@b.example\r\nBcc: victim@example.com' } }, 'email.address'],
      [{ topics: ['order_filled', 'everything'] }, 'topics'],
      [{ console: { sound: 'loud', browser: true } }, 'console.sound'],
      [{ sms: { number: '+33600000000' } }, 'sms'],
    ];
    for (const [body, field] of cases) {
      const answer = await save(strict, bob, body);
      expect([JSON.stringify(body), answer.status, Object.keys(answer.body.fields ?? {})]).toEqual([JSON.stringify(body), 400, [field]]);
    }
    expect((await settings(strict, bob)).body).toEqual(DEFAULTS);
    expect(await strict.database.query('SELECT user_id FROM notification_settings')).toEqual([]);
  });

  it('refuses webhooks to loopback, private and other non-public addresses (SSRF), resolved or literal', async () => {
    const [carol] = await users(strict, ['carol']);
    for (const url of [
      receiverUrl,
      'http://localhost:8080/hook',
      'http://10.0.0.7/hook',
      'http://192.168.1.20/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://0.0.0.0/hook',
      'http://2130706433/hook',
      'http://[::1]/hook',
      'http://[fc00::5]/hook',
      'http://[fe80::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::]/hook',
    ]) {
      const answer = await save(strict, carol, { webhook: { url } });
      expect([url, answer.status, answer.body.fields]).toEqual([url, 400, { 'webhook.url': expect.stringMatching(/^must point at a public address: /) }]);
    }
    expect((await settings(strict, carol)).body.webhook).toBeNull();
  });

  it('refuses the email channel with a clear 400 when the server has no SMTP settings', async () => {
    const [dave] = await users(strict, ['dave']);
    const answer = await save(strict, dave, { email: { address: 'dave@example.com' } });
    expect([answer.status, answer.body.fields]).toEqual([400, { email: expect.stringContaining('this server has no SMTP settings') }]);
  });

  it('lets a viewer read the settings and change nothing', async () => {
    const [viewer] = await users(strict, ['vera'], 'viewer');
    expect((await settings(strict, viewer)).status).toBe(200);
    expect((await save(strict, viewer, { topics: [] })).status).toBe(403);
    expect((await test(strict, viewer, 'webhook')).status).toBe(403);
  });

  it('allows a private webhook when the operator allows it, keeps secrets encrypted and masked, and shows a generated secret once', async () => {
    const [erin] = await users(open, ['erin']);
    const saved = await save(open, erin, {
      topics: ['order_filled', 'stop_loss_triggered'],
      console: { sound: true, browser: true },
      webhook: { url: receiverUrl },
      telegram: { chatId: CHAT_ID, token: BOT_TOKEN },
      email: { address: 'erin@example.com' },
    });
    expect(saved.status).toBe(200);
    const generated: string = saved.body.generatedWebhookSecret;
    expect(generated).toMatch(/^[0-9a-f]{64}$/);
    const expected = {
      topics: ['order_filled', 'stop_loss_triggered'],
      console: { sound: true, browser: true },
      webhook: { url: receiverUrl, secretHint: `••••${generated.slice(-4)}`, enabled: true, pausedReason: null },
      telegram: { chatId: CHAT_ID, tokenHint: `••••${BOT_TOKEN.slice(-4)}`, enabled: true, pausedReason: null },
      email: { address: 'erin@example.com', enabled: true, pausedReason: null },
    };
    expect(saved.body).toEqual({ ...expected, generatedWebhookSecret: generated });
    expect((await settings(open, erin)).body).toEqual(expected);

    // Saved again without a secret or token: both are kept, nothing new is generated.
    const again = await save(open, erin, { webhook: { url: `${receiverUrl}?v=2` }, telegram: { chatId: CHAT_ID } });
    expect(again.body.generatedWebhookSecret).toBeUndefined();
    expect([again.body.webhook.secretHint, again.body.telegram.tokenHint]).toEqual([expected.webhook.secretHint, expected.telegram.tokenHint]);

    const stored = await open.database.query('SELECT webhook_secret_encrypted, telegram_token_encrypted FROM notification_settings');
    expect(stored).toHaveLength(1);
    expect(Object.values(stored[0]).every((value) => typeof value === 'string' && value.startsWith('gAAAAA'))).toBe(true);
    const database = await open.database.contents();
    for (const secret of [generated, BOT_TOKEN]) {
      expect(database).not.toContain(secret);
      expect(open.output()).not.toContain(secret);
    }
  });

  it('sends a test on each channel: a signed webhook, a Telegram message, an email', async () => {
    const [frank] = await users(open, ['frank']);
    await save(open, frank, {
      webhook: { url: receiverUrl, secret: OWN_SECRET },
      telegram: { chatId: CHAT_ID, token: BOT_TOKEN },
      email: { address: 'frank@example.com' },
    });
    receiver.secret = OWN_SECRET;
    const before = { webhooks: receiver.received.length, messages: telegram.messages.length, emails: smtp.messages.length };

    expect((await test(open, frank, 'webhook')).body).toEqual({ delivered: true });
    const call = receiver.received[before.webhooks];
    expect(call.signatureValid).toBe(true);
    const body = JSON.parse(call.rawBody);
    expect(body).toEqual({
      id: expect.any(String),
      topic: 'test',
      title: 'Test notification',
      body: expect.any(String),
      data: {},
      createdAt: expect.any(String),
    });
    expect(call.headers['x-lilux-delivery']).toBe(body.id);
    expect(Math.abs(Number(call.headers['x-lilux-timestamp']) - Date.now() / 1000)).toBeLessThan(60);

    expect((await test(open, frank, 'telegram')).body).toEqual({ delivered: true });
    expect(telegram.messages.slice(before.messages)).toEqual([{ chatId: CHAT_ID, text: `Test notification\n${body.body}` }]);

    expect((await test(open, frank, 'email')).body).toEqual({ delivered: true });
    expect(smtp.messages.slice(before.emails)).toEqual([
      expect.objectContaining({ from: 'lilux@desk.example', to: ['frank@example.com'], subject: 'Lilux: Test notification', text: body.body }),
    ]);
  });

  it('says why a test failed without a secret, and resumes a paused channel when a test succeeds', async () => {
    const [gina] = await users(open, ['gina']);
    const otherToken = '555555555:AAOtherBotTokenTelegramDoesNotKnow_01';
    await save(open, gina, { webhook: { url: receiverUrl, secret: OWN_SECRET }, telegram: { chatId: CHAT_ID, token: otherToken } });
    const refused = await test(open, gina, 'telegram');
    expect([refused.status, refused.body]).toEqual([200, { delivered: false, error: 'Telegram refused the bot token' }]);
    expect(open.output()).not.toContain(otherToken);

    receiver.script.push({ status: 302, location: 'http://example.com/elsewhere' });
    expect((await test(open, gina, 'webhook')).body).toEqual({ delivered: false, error: 'the webhook answered 302, a redirect, which Lilux does not follow' });

    const { id } = (await request(open.baseUrl, 'GET', '/api/auth/me', { token: gina })).body;
    await open.database.query(
      `UPDATE notification_settings SET webhook_paused_reason = 'Paused after 5 failures', webhook_failures = 5 WHERE user_id = '${id}'`,
    );
    expect((await settings(open, gina)).body.webhook.pausedReason).toBe('Paused after 5 failures');
    expect((await test(open, gina, 'webhook')).body).toEqual({ delivered: true });
    expect((await settings(open, gina)).body.webhook).toMatchObject({ enabled: true, pausedReason: null });

    expect((await test(open, gina, 'sms')).body.fields).toEqual({ channel: 'must be one of webhook, telegram, email' });
    expect((await test(open, gina, 'email')).body.fields).toEqual({ channel: 'has no email set up to test' });
  });

  it('removes a channel given as null', async () => {
    const [hank] = await users(open, ['hank']);
    await save(open, hank, { webhook: { url: receiverUrl }, email: { address: 'hank@example.com' } });
    const removed = await save(open, hank, { webhook: null });
    expect([removed.body.webhook, removed.body.email?.address]).toEqual([null, 'hank@example.com']);
  });

  it('re-encrypts every stored webhook secret and bot token with npm run keys:rotate, once', async () => {
    const secrets = async () =>
      (await open.database.query('SELECT webhook_secret_encrypted AS w, telegram_token_encrypted AS t FROM notification_settings'))
        .flatMap(({ w, t }) => [w, t])
        .filter((value) => value !== null);
    const [ivan] = await users(open, ['ivan']);
    await save(open, ivan, { webhook: { url: receiverUrl }, telegram: { chatId: CHAT_ID, token: BOT_TOKEN } });
    const before = await secrets();
    const keys = { FERNET_KEYS: `${NEWER_FERNET_KEY},${TEST_FERNET_KEY}`, FERNET_KEY: undefined };
    const first = runToExit('rotate-keys.js', keys, open);
    expect([first.status, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toContain(`notification_settings: ${before.length} re-encrypted`);
    expect(runToExit('rotate-keys.js', keys, open).stdout).toContain('notification_settings: 0 re-encrypted');
    const after = await secrets();
    expect(after.filter((value) => before.includes(value))).toEqual([]);
  });
});
