import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { ORDER_NOTIFICATION_TOPICS, type Notification, type NotificationTopic, type OrderNotificationTopic } from '@lilux/contracts';
import { Environment } from '@lilux/api/shared';
import { IsNull, Repository } from 'typeorm';
import { CHANNEL_STATE, isConfigured, OUTSIDE_CHANNELS, readTopics, type OutsideChannel } from './channel-columns';
import { ChannelSenders } from './channel-senders';
import { NotificationSettingsEntity } from './entities/notification-settings.entity';
import { failed, type SendOutcome } from './senders/send-outcome';

export type { OutsideChannel } from './channel-columns';
export type { SendOutcome } from './senders/send-outcome';

/**
 * The user's outside channels (webhook, Telegram, email): which ones a notification goes to, sending it on one,
 * and pausing a channel that keeps failing. Delivery (the outbox, retries) is the alerts module's job.
 */
@Injectable()
export class NotificationChannels {
  private readonly pauseAfter: number;

  constructor(
    @InjectRepository(NotificationSettingsEntity) private readonly settings: Repository<NotificationSettingsEntity>,
    private readonly senders: ChannelSenders,
    config: ConfigService<Environment, true>,
  ) {
    this.pauseAfter = config.get('ALERT_CHANNEL_PAUSE_AFTER', { infer: true });
  }

  /** The enabled, unpaused outside channels of `userId` that want `topic` (order topics the user switched off: none). */
  async channelsFor(userId: string, topic: NotificationTopic): Promise<OutsideChannel[]> {
    const row = await this.settings.findOneBy({ userId });
    if (row === null || !wanted(row, topic)) return [];
    return OUTSIDE_CHANNELS.filter(
      (channel) => isConfigured(row, channel) && row[CHANNEL_STATE[channel].enabled] && row[CHANNEL_STATE[channel].pausedReason] === null,
    );
  }

  /** Whether the user wants `topic` at all (price alerts always; order topics as chosen in the settings). */
  async wants(userId: string, topic: NotificationTopic): Promise<boolean> {
    return wanted(await this.settings.findOneBy({ userId }), topic);
  }

  /**
   * One attempt on one channel; never throws (a failure is an outcome). A channel switched off, paused or removed
   * since the notification was queued is not sent to: a retry must not outlive the user's change.
   */
  async send(userId: string, channel: OutsideChannel, notification: Notification): Promise<SendOutcome> {
    try {
      const row = await this.settings.findOneBy({ userId });
      if (row === null || !isConfigured(row, channel)) return failed(`no ${channel} channel is set up`, false);
      if (!row[CHANNEL_STATE[channel].enabled]) return failed(`the ${channel} channel is switched off`, false);
      if (row[CHANNEL_STATE[channel].pausedReason] !== null) return failed(`the ${channel} channel is paused`, false);
      return await this.senders.attempt(row, channel, notification);
    } catch {
      // The database or a stored secret that no key decrypts: worth another try once the operator has fixed it.
      return failed(`the ${channel} channel could not be read`, true);
    }
  }

  /** A delivery succeeded: the channel's run of failures ends, and a paused channel (a test succeeded) resumes. */
  async delivered(userId: string, channel: OutsideChannel): Promise<void> {
    const state = CHANNEL_STATE[channel];
    await this.settings.update({ userId }, { [state.failures]: 0, [state.pausedReason]: null });
  }

  /** A delivery was given up: after ALERT_CHANNEL_PAUSE_AFTER in a row the channel is paused; says whether it just was. */
  async gaveUp(userId: string, channel: OutsideChannel, error: string): Promise<{ paused: boolean }> {
    const state = CHANNEL_STATE[channel];
    // One statement, so that two deliveries given up at once both count.
    await this.settings.increment({ userId }, state.failures, 1);
    const row = await this.settings.findOneBy({ userId });
    if (row === null || row[state.failures] < this.pauseAfter) return { paused: false };
    const reason = `Paused after ${row[state.failures]} notifications in a row could not be delivered; the last one: ${error}.`;
    // Only the first to see the threshold pauses it (and tells the user).
    const paused = await this.settings.update({ userId, [state.pausedReason]: IsNull() }, { [state.pausedReason]: reason });
    return { paused: (paused.affected ?? 0) > 0 };
  }
}

function wanted(row: NotificationSettingsEntity | null, topic: NotificationTopic): boolean {
  if (!(ORDER_NOTIFICATION_TOPICS as readonly string[]).includes(topic)) return true;
  return readTopics(row).includes(topic as OrderNotificationTopic);
}
