import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Notification } from '@lilux/contracts';
import { CryptoService } from '@lilux/api/crypto';
import { Clock, Environment } from '@lilux/api/shared';
import { isConfigured, type OutsideChannel } from './channel-columns';
import type { NotificationSettingsEntity } from './entities/notification-settings.entity';
import { EmailSender } from './senders/email-sender';
import { failed, type SendOutcome } from './senders/send-outcome';
import { sendTelegram } from './senders/telegram-sender';
import { sendWebhook } from './senders/webhook-sender';

/** Sends on one channel with the server's settings (timeouts, Telegram's URL, SMTP) and the user's decrypted secrets. */
@Injectable()
export class ChannelSenders {
  private readonly timeoutMs: number;
  private readonly allowPrivate: boolean;
  private readonly telegramApiUrl: string;
  /** Null when SMTP_HOST is not set: the email channel cannot be used. */
  private readonly email: EmailSender | null;

  constructor(
    config: ConfigService<Environment, true>,
    private readonly crypto: CryptoService,
    private readonly clock: Clock,
  ) {
    this.timeoutMs = config.get('ALERT_CHANNEL_TIMEOUT_MS', { infer: true });
    this.allowPrivate = config.get('ALERT_WEBHOOK_ALLOW_PRIVATE', { infer: true });
    this.telegramApiUrl = config.get('TELEGRAM_API_URL', { infer: true });
    const host = config.get('SMTP_HOST', { infer: true });
    this.email =
      host === undefined
        ? null
        : new EmailSender({
            host,
            port: config.get('SMTP_PORT', { infer: true }),
            secure: config.get('SMTP_SECURE', { infer: true }),
            user: config.get('SMTP_USER', { infer: true }),
            password: config.get('SMTP_PASSWORD', { infer: true }),
            from: config.get('SMTP_FROM', { infer: true }) ?? '',
            timeoutMs: this.timeoutMs,
          });
  }

  get isEmailAvailable(): boolean {
    return this.email !== null;
  }

  get isPrivateWebhookAllowed(): boolean {
    return this.allowPrivate;
  }

  /** One attempt on `channel` as `row` sets it up, switched on or not. */
  async attempt(row: NotificationSettingsEntity, channel: OutsideChannel, notification: Notification): Promise<SendOutcome> {
    if (!isConfigured(row, channel)) return failed(`no ${channel} channel is set up`, false);
    if (channel === 'webhook') {
      const target = { url: row.webhookUrl ?? '', secret: this.crypto.decrypt(row.webhookSecretEncrypted ?? '') };
      return sendWebhook(target, notification, { timeoutMs: this.timeoutMs, allowPrivate: this.allowPrivate, now: () => Math.floor(this.clock.now() / 1000) });
    }
    if (channel === 'telegram') {
      const target = { chatId: row.telegramChatId ?? '', token: this.crypto.decrypt(row.telegramTokenEncrypted ?? '') };
      return sendTelegram(target, notification, { apiUrl: this.telegramApiUrl, timeoutMs: this.timeoutMs });
    }
    if (this.email === null) return failed('this server has no SMTP settings, so it cannot send email', false);
    return this.email.send(row.emailAddress ?? '', notification);
  }
}
