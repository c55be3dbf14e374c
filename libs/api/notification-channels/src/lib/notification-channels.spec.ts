import { ConfigService } from '@nestjs/config';
import type { Notification } from '@lilux/contracts';
import { CryptoService } from '@lilux/api/crypto';
import { Environment, SystemClock, Transactions, validateEnvironment } from '@lilux/api/shared';
import { WebhookReceiver } from '@lilux/api/testing';
import { DataSource } from 'typeorm';
import { ChannelSenders } from './channel-senders';
import { NotificationSettingsEntity } from './entities/notification-settings.entity';
import { NotificationChannels } from './notification-channels';
import { NotificationSettingsService } from './notification-settings.service';

const notification: Notification = {
  ...{ id: 'f3a0c1d2-0000-4000-8000-000000000001', topic: 'order_filled', title: 'Buy 0.01 BTC/USDT filled', body: 'Filled at 97,500.' },
  ...{ data: { symbol: 'BTC/USDT' }, createdAt: '2026-11-26T16:00:00.000Z', readAt: null, deliveries: [] },
};

/** The channels on a real SQLite database, with the real crypto and senders; the webhook is a local receiver. */
describe('NotificationChannels, the seam the delivery worker uses', () => {
  const receiver = new WebhookReceiver();
  let database: DataSource;
  let channels: NotificationChannels;
  let settings: NotificationSettingsService;
  let url: string;

  beforeAll(async () => {
    url = `${await receiver.start()}/hook`;
    receiver.secret = 'secret-of-the-seam-tests-0123456';
    database = await new DataSource({ type: 'sqlite', database: ':memory:', entities: [NotificationSettingsEntity], synchronize: true }).initialize();
    const environment = validateEnvironment({
      JWT_SECRET: 'x'.repeat(40),
      FERNET_KEY: 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=',
      ALERT_WEBHOOK_ALLOW_PRIVATE: 'true',
      ALERT_CHANNEL_PAUSE_AFTER: '3',
      ALERT_CHANNEL_TIMEOUT_MS: '1000',
    });
    const config = new ConfigService<Environment, true>(environment);
    const crypto = new CryptoService(config);
    const repository = database.getRepository(NotificationSettingsEntity);
    const senders = new ChannelSenders(config, crypto, new SystemClock());
    channels = new NotificationChannels(repository, senders, config);
    settings = new NotificationSettingsService(repository, crypto, senders, channels, new Transactions(database));
  });
  afterAll(async () => {
    await database.destroy();
    await receiver.stop();
  });

  it('has no outside channel for a user without settings, who wants every topic', async () => {
    expect(await channels.channelsFor('nobody', 'order_filled')).toEqual([]);
    expect(await channels.wants('nobody', 'order_canceled')).toBe(true);
    expect(await channels.send('nobody', 'webhook', notification)).toEqual({ delivered: false, retryable: false, error: 'no webhook channel is set up' });
  });

  it('sends only the order topics chosen, price alerts always, on enabled channels', async () => {
    await settings.update('ann', { topics: ['order_filled'], webhook: { url, secret: receiver.secret } });
    expect(await channels.wants('ann', 'order_filled')).toBe(true);
    expect(await channels.wants('ann', 'order_canceled')).toBe(false);
    expect(await channels.wants('ann', 'price_alert')).toBe(true);
    expect(await channels.channelsFor('ann', 'order_filled')).toEqual(['webhook']);
    expect(await channels.channelsFor('ann', 'order_canceled')).toEqual([]);
    expect(await channels.channelsFor('ann', 'price_alert')).toEqual(['webhook']);
    expect(await channels.send('ann', 'webhook', notification)).toEqual({ delivered: true });
    expect(receiver.received.at(-1)?.signatureValid).toBe(true);

    await settings.update('ann', { webhook: { url, enabled: false } });
    expect(await channels.channelsFor('ann', 'price_alert')).toEqual([]);
    expect(await channels.send('ann', 'webhook', notification)).toEqual({ delivered: false, retryable: false, error: 'the webhook channel is switched off' });
  });

  it('saves the first settings of a user sent several times at once without a duplicate row', async () => {
    const saves = await Promise.allSettled([1, 2, 3, 4].map((round) => settings.update('cleo', { console: { sound: round % 2 === 0, browser: true } })));
    expect(saves.map((save) => save.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect((await settings.get('cleo')).console.browser).toBe(true);
  });

  it('pauses a channel after ALERT_CHANNEL_PAUSE_AFTER give-ups in a row, says so once, and a success in between starts the count again', async () => {
    await settings.update('ben', { webhook: { url, secret: receiver.secret } });
    expect(await channels.gaveUp('ben', 'webhook', 'the webhook answered 503')).toEqual({ paused: false });
    expect(await channels.gaveUp('ben', 'webhook', 'the webhook answered 503')).toEqual({ paused: false });
    await channels.delivered('ben', 'webhook');
    expect(await channels.gaveUp('ben', 'webhook', 'the webhook answered 503')).toEqual({ paused: false });
    expect(await channels.gaveUp('ben', 'webhook', 'the webhook answered 503')).toEqual({ paused: false });
    expect(await channels.gaveUp('ben', 'webhook', 'the webhook answered 502')).toEqual({ paused: true });
    expect(await channels.gaveUp('ben', 'webhook', 'the webhook answered 502')).toEqual({ paused: false });

    const { webhook } = await settings.get('ben');
    expect(webhook?.pausedReason).toBe('Paused after 3 notifications in a row could not be delivered; the last one: the webhook answered 502.');
    expect(await channels.channelsFor('ben', 'price_alert')).toEqual([]);
    expect(await channels.send('ben', 'webhook', notification)).toEqual({ delivered: false, retryable: false, error: 'the webhook channel is paused' });

    // The test button, or saving the channel again, resumes it.
    expect(await settings.test('ben', 'webhook')).toEqual({ delivered: true });
    expect((await settings.get('ben')).webhook?.pausedReason).toBeNull();
    expect(await channels.channelsFor('ben', 'price_alert')).toEqual(['webhook']);
  });
});
