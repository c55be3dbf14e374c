import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import type { ChannelTestResult, Notification, NotificationSettings, NotificationSettingsSaved } from '@lilux/contracts';
import { CryptoService, type EncryptedSecretStore, SecretStore } from '@lilux/api/crypto';
import { Transactions } from '@lilux/api/shared';
import { Repository } from 'typeorm';
import { CHANNEL_STATE, defaultSettings, isConfigured, readTopics, writeTopics, type OutsideChannel } from './channel-columns';
import { ChannelSenders } from './channel-senders';
import type { UpdateNotificationSettingsDto } from './dto/notification-settings.dto';
import { NotificationSettingsEntity } from './entities/notification-settings.entity';
import { NotificationChannels } from './notification-channels';
import { InvalidNotificationSettingsError } from './notification-settings.errors';
import { hostOf, NonPublicAddressError, publicAddressesOf } from './public-address';

const MASK = '••••';

/**
 * A user's notification settings as the API shows and changes them; secrets go in encrypted and come out masked, and
 * `npm run keys:rotate` re-encrypts them.
 */
@Injectable()
@SecretStore('notification_settings')
export class NotificationSettingsService implements EncryptedSecretStore {
  constructor(
    @InjectRepository(NotificationSettingsEntity) private readonly settings: Repository<NotificationSettingsEntity>,
    private readonly crypto: CryptoService,
    private readonly senders: ChannelSenders,
    private readonly channels: NotificationChannels,
    private readonly transactions: Transactions,
  ) {}

  async get(userId: string): Promise<NotificationSettings> {
    return view((await this.settings.findOneBy({ userId })) ?? defaultSettings(userId));
  }

  async update(userId: string, change: UpdateNotificationSettingsDto): Promise<NotificationSettingsSaved> {
    await this.refuseWhatCannotWork(userId, change);
    // A user's first save makes their row; of two first saves at once, the second finds it (no duplicate key).
    await this.settings.createQueryBuilder().insert().values(defaultSettings(userId)).orIgnore().execute();
    const row = await this.settings.findOneByOrFail({ userId });
    if (change.topics !== undefined) row.topics = writeTopics(change.topics);
    if (change.console !== undefined) [row.consoleSound, row.consoleBrowser] = [change.console.sound, change.console.browser];
    let generatedWebhookSecret: string | undefined;
    if (change.webhook === null) Object.assign(row, { webhookUrl: null, webhookSecretEncrypted: null, webhookSecretLast4: null, webhookEnabled: false });
    else if (change.webhook !== undefined) {
      if (change.webhook.secret === undefined && row.webhookSecretEncrypted === null) generatedWebhookSecret = randomBytes(32).toString('hex');
      const secret = change.webhook.secret ?? generatedWebhookSecret;
      row.webhookUrl = change.webhook.url;
      if (secret !== undefined) [row.webhookSecretEncrypted, row.webhookSecretLast4] = [this.crypto.encrypt(secret), secret.slice(-4)];
      row.webhookEnabled = change.webhook.enabled ?? true;
    }
    if (change.telegram === null) Object.assign(row, { telegramChatId: null, telegramTokenEncrypted: null, telegramTokenLast4: null, telegramEnabled: false });
    else if (change.telegram !== undefined) {
      const { chatId, token, enabled } = change.telegram;
      row.telegramChatId = chatId;
      if (token !== undefined) [row.telegramTokenEncrypted, row.telegramTokenLast4] = [this.crypto.encrypt(token), token.slice(-4)];
      row.telegramEnabled = enabled ?? true;
    }
    if (change.email === null) Object.assign(row, { emailAddress: null, emailEnabled: false });
    else if (change.email !== undefined) [row.emailAddress, row.emailEnabled] = [change.email.address, change.email.enabled ?? true];
    // Saving a channel (or removing it) is the user looking at it again: it starts afresh.
    for (const channel of ['webhook', 'telegram', 'email'] as const) {
      if (change[channel] !== undefined) Object.assign(row, { [CHANNEL_STATE[channel].pausedReason]: null, [CHANNEL_STATE[channel].failures]: 0 });
    }
    await this.settings.save(row);
    return generatedWebhookSecret === undefined ? view(row) : { ...view(row), generatedWebhookSecret };
  }

  /** Sends a test notification on `channel` now, outside the outbox; a success resumes the channel if it was paused. */
  async test(userId: string, channel: OutsideChannel): Promise<ChannelTestResult> {
    const row = await this.settings.findOneBy({ userId });
    if (row === null || !isConfigured(row, channel)) throw new InvalidNotificationSettingsError({ channel: `has no ${channel} set up to test` });
    if (channel === 'email' && !this.senders.isEmailAvailable) throw new InvalidNotificationSettingsError({ channel: emailUnavailable() });
    const outcome = await this.senders.attempt(row, channel, testNotification());
    if (!outcome.delivered) return { delivered: false, error: outcome.error };
    await this.channels.delivered(userId, channel);
    return { delivered: true };
  }

  async reencryptAll(rotate: (token: string) => string): Promise<number> {
    return this.transactions.run(async (manager) => {
      let changed = 0;
      for (const row of await manager.find(NotificationSettingsEntity)) {
        for (const column of ['webhookSecretEncrypted', 'telegramTokenEncrypted'] as const) {
          const stored = row[column];
          const rotated = stored === null ? null : rotate(stored);
          if (rotated === stored) continue;
          // Only if unchanged since read: a secret the user replaced meanwhile is already under the newest key.
          await manager.update(NotificationSettingsEntity, { userId: row.userId, [column]: stored }, { [column]: rotated });
          changed += 1;
        }
      }
      return changed;
    });
  }

  /** What the DTO cannot know: a bot token kept from before, where the webhook's host resolves, whether this server can send email. */
  private async refuseWhatCannotWork(userId: string, change: UpdateNotificationSettingsDto): Promise<void> {
    if (change.telegram && change.telegram.token === undefined && !(await this.settings.findOneBy({ userId }))?.telegramTokenEncrypted) {
      throw new InvalidNotificationSettingsError({ 'telegram.token': 'is required for a new Telegram channel' });
    }
    if (change.email && !this.senders.isEmailAvailable) throw new InvalidNotificationSettingsError({ email: emailUnavailable() });
    if (!change.webhook || this.senders.isPrivateWebhookAllowed) return;
    try {
      await publicAddressesOf(hostOf(new URL(change.webhook.url)));
    } catch (error) {
      const problem =
        error instanceof NonPublicAddressError
          ? `must point at a public address: ${error.message} (the server allows those only with ALERT_WEBHOOK_ALLOW_PRIVATE=true)`
          : 'names a host that does not resolve';
      throw new InvalidNotificationSettingsError({ 'webhook.url': problem });
    }
  }
}

function emailUnavailable(): string {
  return 'cannot be used: this server has no SMTP settings (SMTP_HOST), so it cannot send email';
}

function view(row: NotificationSettingsEntity): NotificationSettings {
  const state = (channel: OutsideChannel) => ({
    enabled: row[CHANNEL_STATE[channel].enabled],
    pausedReason: row[CHANNEL_STATE[channel].pausedReason],
  });
  return {
    topics: readTopics(row),
    console: { sound: row.consoleSound, browser: row.consoleBrowser },
    webhook: isConfigured(row, 'webhook') ? { url: row.webhookUrl ?? '', secretHint: MASK + (row.webhookSecretLast4 ?? ''), ...state('webhook') } : null,
    telegram: isConfigured(row, 'telegram')
      ? { chatId: row.telegramChatId ?? '', tokenHint: MASK + (row.telegramTokenLast4 ?? ''), ...state('telegram') }
      : null,
    email: isConfigured(row, 'email') ? { address: row.emailAddress ?? '', ...state('email') } : null,
  };
}

function testNotification(): Notification {
  return {
    id: randomUUID(),
    topic: 'test',
    title: 'Test notification',
    body: 'This is a test from Lilux: this channel works.',
    data: {},
    createdAt: new Date().toISOString(),
    readAt: null,
    deliveries: [],
  };
}
