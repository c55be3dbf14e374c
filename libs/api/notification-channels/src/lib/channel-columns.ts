import { ORDER_NOTIFICATION_TOPICS, type OrderNotificationTopic } from '@lilux/contracts';
import type { NotificationSettingsEntity } from './entities/notification-settings.entity';

/** The channels outside the console. */
export const OUTSIDE_CHANNELS = ['webhook', 'telegram', 'email'] as const;
export type OutsideChannel = (typeof OUTSIDE_CHANNELS)[number];

/** The entity's properties holding one channel's state, so that pausing and resuming is written once for all three. */
export const CHANNEL_STATE = {
  webhook: { enabled: 'webhookEnabled', pausedReason: 'webhookPausedReason', failures: 'webhookFailures', column: 'webhook' },
  telegram: { enabled: 'telegramEnabled', pausedReason: 'telegramPausedReason', failures: 'telegramFailures', column: 'telegram' },
  email: { enabled: 'emailEnabled', pausedReason: 'emailPausedReason', failures: 'emailFailures', column: 'email' },
} as const satisfies Record<
  OutsideChannel,
  { enabled: keyof NotificationSettingsEntity; pausedReason: keyof NotificationSettingsEntity; failures: keyof NotificationSettingsEntity; column: string }
>;

/** Whether `channel` is set up in `row` (switched on or not). */
export function isConfigured(row: NotificationSettingsEntity, channel: OutsideChannel): boolean {
  if (channel === 'webhook') return row.webhookUrl !== null && row.webhookSecretEncrypted !== null;
  if (channel === 'telegram') return row.telegramChatId !== null && row.telegramTokenEncrypted !== null;
  return row.emailAddress !== null;
}

export function readTopics(row: NotificationSettingsEntity | null): OrderNotificationTopic[] {
  if (row === null) return [...ORDER_NOTIFICATION_TOPICS];
  const kept = new Set(row.topics.split(','));
  return ORDER_NOTIFICATION_TOPICS.filter((topic) => kept.has(topic));
}

export function writeTopics(topics: readonly OrderNotificationTopic[]): string {
  return topics.join(',');
}

/** A new user's settings: every order topic, no sound or browser notification until asked for, no outside channel. */
export function defaultSettings(userId: string): NotificationSettingsEntity {
  return {
    userId,
    topics: writeTopics(ORDER_NOTIFICATION_TOPICS),
    consoleSound: false,
    consoleBrowser: false,
    webhookUrl: null,
    webhookSecretEncrypted: null,
    webhookSecretLast4: null,
    webhookEnabled: false,
    webhookPausedReason: null,
    webhookFailures: 0,
    telegramChatId: null,
    telegramTokenEncrypted: null,
    telegramTokenLast4: null,
    telegramEnabled: false,
    telegramPausedReason: null,
    telegramFailures: 0,
    emailAddress: null,
    emailEnabled: false,
    emailPausedReason: null,
    emailFailures: 0,
  };
}
