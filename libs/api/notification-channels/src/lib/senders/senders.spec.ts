import type { Notification } from '@lilux/contracts';
import { freePort, SmtpTestServer, TelegramTestServer, WebhookReceiver } from '@lilux/api/testing';
import { EmailSender } from './email-sender';
import { sendTelegram } from './telegram-sender';
import { sendWebhook, webhookBody } from './webhook-sender';

const notification: Notification = {
  id: '0b7f5a52-8a7e-4a57-9d3c-1f2e3d4c5b6a',
  topic: 'price_alert',
  title: 'BTC/USDT above 98,000',
  body: 'BTC/USDT traded at 98,012.50, above your alert at 98,000.',
  data: { symbol: 'BTC/USDT', price: '98012.5', level: '98000' },
  createdAt: '2026-11-26T16:00:00.000Z',
  readAt: null,
  deliveries: [],
};

describe('the webhook sender', () => {
  const receiver = new WebhookReceiver();
  const secret = 'a-signing-secret-of-the-user-0123';
  let url: string;
  const options = { timeoutMs: 1000, allowPrivate: true, now: () => 1_795_000_000 };

  beforeAll(async () => {
    url = `${await receiver.start()}/hooks/lilux?token=abc`;
    receiver.secret = secret;
  });
  afterAll(() => receiver.stop());
  beforeEach(() => receiver.received.splice(0));

  it('posts the notification as JSON, signed over the timestamp and raw body, with its id as the delivery', async () => {
    expect(await sendWebhook({ url, secret }, notification, options)).toEqual({ delivered: true });
    const [call] = receiver.received;
    expect(call.path).toBe('/hooks/lilux?token=abc');
    expect(call.signatureValid).toBe(true);
    expect(call.headers['x-lilux-timestamp']).toBe('1795000000');
    expect(call.headers['x-lilux-delivery']).toBe(notification.id);
    expect(call.headers['content-type']).toBe('application/json');
    expect(JSON.parse(call.rawBody)).toEqual({
      id: notification.id,
      topic: 'price_alert',
      title: notification.title,
      body: notification.body,
      data: notification.data,
      createdAt: notification.createdAt,
    });
    expect(call.rawBody).toBe(webhookBody(notification));
  });

  it('is refused by a receiver holding another secret', async () => {
    await sendWebhook({ url, secret: 'another-secret-entirely-000000' }, notification, options);
    expect(receiver.received[0].signatureValid).toBe(false);
  });

  it('retries on a 5xx, a timeout or a refused connection, and not on a 4xx', async () => {
    receiver.script.push({ status: 503 }, { status: 404 }, { delayMs: 1500 });
    expect(await sendWebhook({ url, secret }, notification, options)).toEqual({ delivered: false, retryable: true, error: 'the webhook answered 503' });
    expect(await sendWebhook({ url, secret }, notification, options)).toEqual({ delivered: false, retryable: false, error: 'the webhook answered 404' });
    expect(await sendWebhook({ url, secret }, notification, options)).toEqual({
      delivered: false,
      retryable: true,
      error: 'the webhook did not answer within 1000 ms',
    });
    const nobody = `http://127.0.0.1:${await freePort()}/hook`;
    expect(await sendWebhook({ url: nobody, secret }, notification, options)).toEqual({
      delivered: false,
      retryable: true,
      error: "the webhook's server refused the connection",
    });
  });

  it('does not follow a redirect, and says so without retrying', async () => {
    const elsewhere = new WebhookReceiver();
    const target = await elsewhere.start();
    try {
      receiver.script.push({ status: 302, location: `${target}/stolen` });
      expect(await sendWebhook({ url, secret }, notification, options)).toEqual({
        delivered: false,
        retryable: false,
        error: 'the webhook answered 302, a redirect, which Lilux does not follow',
      });
      expect(elsewhere.received).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });

  it('refuses a loopback address at send time unless private webhooks are allowed, literal or resolved, never quoting the URL', async () => {
    const strict = { ...options, allowPrivate: false };
    const literal = await sendWebhook({ url, secret }, notification, strict);
    expect(literal).toEqual({
      delivered: false,
      retryable: false,
      error: "the webhook's address 127.0.0.1 is a loopback address, which webhooks may not call",
    });
    // A name that resolved to a public address when saved and to loopback now (DNS rebinding) is caught on connecting.
    const byName = await sendWebhook({ url: url.replace('127.0.0.1', 'localhost'), secret }, notification, strict);
    expect(byName).toEqual({
      delivered: false,
      retryable: false,
      error: expect.stringMatching(/^the webhook's host now resolves to .* is a loopback address/),
    });
    expect(JSON.stringify([literal, byName])).not.toContain('token=abc');
    expect(receiver.received).toEqual([]);
  });
});

describe('the Telegram sender', () => {
  const token = '123456789:AAFakeTokenForLiluxTests_0123456789';
  const telegram = new TelegramTestServer(token, ['4242', '-1001234567890']);
  let apiUrl: string;
  const send = (target: { chatId: string; token: string }) => sendTelegram(target, notification, { apiUrl, timeoutMs: 1000 });

  beforeAll(async () => (apiUrl = await telegram.start()));
  afterAll(() => telegram.stop());

  it('sends the title and body to the chat through the bot token', async () => {
    expect(await send({ chatId: '-1001234567890', token })).toEqual({ delivered: true });
    expect(telegram.paths.at(-1)).toBe(`/bot${token}/sendMessage`);
    expect(telegram.messages.at(-1)).toEqual({ chatId: '-1001234567890', text: `${notification.title}\n${notification.body}` });
  });

  it('says in words why Telegram refused, retries only what may pass later, and never quotes the token', async () => {
    const wrongToken = '987654321:AAAnotherTokenThatTelegramDoesNotKnow';
    const outcomes = [await send({ chatId: '4242', token: wrongToken }), await send({ chatId: '777', token })];
    telegram.failNext.push(429, 502);
    outcomes.push(await send({ chatId: '4242', token }), await send({ chatId: '4242', token }));
    expect(outcomes).toEqual([
      { delivered: false, retryable: false, error: 'Telegram refused the bot token' },
      { delivered: false, retryable: false, error: 'Telegram says the chat was not found' },
      { delivered: false, retryable: true, error: 'Telegram asks to slow down (429)' },
      { delivered: false, retryable: true, error: 'Telegram answered 502' },
    ]);
    const unreachable = await sendTelegram({ chatId: '4242', token }, notification, { apiUrl: `http://127.0.0.1:${await freePort()}`, timeoutMs: 1000 });
    expect(unreachable).toEqual({ delivered: false, retryable: true, error: 'Telegram could not be reached' });
    expect(JSON.stringify([...outcomes, unreachable])).not.toMatch(/AAFake|AAAnother/);
  });
});

describe('the email sender', () => {
  const smtp = new SmtpTestServer();
  let email: EmailSender;

  beforeAll(async () => {
    const port = await smtp.start();
    email = new EmailSender({
      host: '127.0.0.1',
      port,
      secure: false,
      user: 'lilux',
      password: 'smtp-password',
      from: 'Lilux <lilux@example.com>',
      timeoutMs: 2000,
    });
  });
  afterAll(() => smtp.stop());

  it('sends the title as subject and the body as text to the address', async () => {
    expect(await email.send('trader@example.com', notification)).toEqual({ delivered: true });
    expect(smtp.messages.at(-1)).toMatchObject({
      from: 'lilux@example.com',
      to: ['trader@example.com'],
      subject: `Lilux: ${notification.title}`,
      text: notification.body,
    });
  });

  it('retries a deferred email (4xx) and not a refused one (5xx)', async () => {
    smtp.refuseNext.push(451, 550);
    expect(await email.send('trader@example.com', notification)).toEqual({
      delivered: false,
      retryable: true,
      error: 'the SMTP server deferred the email (451)',
    });
    expect(await email.send('trader@example.com', notification)).toEqual({
      delivered: false,
      retryable: false,
      error: 'the SMTP server refused the email (550)',
    });
  });

  it('retries when the server cannot be reached', async () => {
    const nowhere = new EmailSender({ host: '127.0.0.1', port: await freePort(), secure: false, from: 'lilux@example.com', timeoutMs: 1000 });
    expect(await nowhere.send('trader@example.com', notification)).toEqual({
      delivered: false,
      retryable: true,
      error: expect.stringMatching(/^the SMTP server could not be reached \(E[A-Z]+\)$/),
    });
  });
});
