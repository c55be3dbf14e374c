import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One user's notification settings: which order events they want, the console's sound and browser flags, and their
 * outside channels. Secrets (the webhook's signing secret, the bot token) are Fernet-encrypted; only their last four
 * characters are kept in the clear, to show which one is set. A user without a row has the defaults.
 */
@Entity('notification_settings')
export class NotificationSettingsEntity {
  @PrimaryColumn({ name: 'user_id', length: 36 })
  userId!: string;

  /** The order topics wanted, comma-separated; empty when the user switched every one off. */
  @Column({ type: 'text' })
  topics!: string;

  @Column({ name: 'console_sound', type: 'boolean' })
  consoleSound!: boolean;

  @Column({ name: 'console_browser', type: 'boolean' })
  consoleBrowser!: boolean;

  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl!: string | null;

  @Column({ name: 'webhook_secret_encrypted', type: 'text', nullable: true })
  webhookSecretEncrypted!: string | null;

  @Column({ name: 'webhook_secret_last4', type: 'varchar', length: 4, nullable: true })
  webhookSecretLast4!: string | null;

  @Column({ name: 'webhook_enabled', type: 'boolean', default: false })
  webhookEnabled!: boolean;

  @Column({ name: 'webhook_paused_reason', type: 'text', nullable: true })
  webhookPausedReason!: string | null;

  /** Deliveries given up in a row; a delivery that succeeds sets it back to 0. */
  @Column({ name: 'webhook_failures', type: 'integer', default: 0 })
  webhookFailures!: number;

  @Column({ name: 'telegram_chat_id', type: 'varchar', length: 64, nullable: true })
  telegramChatId!: string | null;

  @Column({ name: 'telegram_token_encrypted', type: 'text', nullable: true })
  telegramTokenEncrypted!: string | null;

  @Column({ name: 'telegram_token_last4', type: 'varchar', length: 4, nullable: true })
  telegramTokenLast4!: string | null;

  @Column({ name: 'telegram_enabled', type: 'boolean', default: false })
  telegramEnabled!: boolean;

  @Column({ name: 'telegram_paused_reason', type: 'text', nullable: true })
  telegramPausedReason!: string | null;

  @Column({ name: 'telegram_failures', type: 'integer', default: 0 })
  telegramFailures!: number;

  @Column({ name: 'email_address', type: 'varchar', length: 254, nullable: true })
  emailAddress!: string | null;

  @Column({ name: 'email_enabled', type: 'boolean', default: false })
  emailEnabled!: boolean;

  @Column({ name: 'email_paused_reason', type: 'text', nullable: true })
  emailPausedReason!: string | null;

  @Column({ name: 'email_failures', type: 'integer', default: 0 })
  emailFailures!: number;
}
