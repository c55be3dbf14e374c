import { Injectable } from '@nestjs/common';
import type { Notification, NotificationTopic } from '@lilux/contracts';

/** The channels outside the console. */
export type OutsideChannel = 'webhook' | 'telegram' | 'email';

/** What one attempt to send gave: a failure says whether trying again later may succeed (a 5xx, a timeout). */
export type SendOutcome = { delivered: true } | { delivered: false; retryable: boolean; error: string };

/**
 * The user's outside channels (webhook, Telegram, email): which ones a notification goes to, sending it on one,
 * and pausing a channel that keeps failing. Delivery (the outbox, retries) is the alerts module's job.
 *
 * SKELETON from the lead: the helper building the channels replaces the bodies; the signatures are the seam the
 * alerts module builds against.
 */
@Injectable()
export class NotificationChannels {
  /** The enabled, unpaused outside channels of `userId` that want `topic` (order topics the user switched off: none). */
  async channelsFor(userId: string, topic: NotificationTopic): Promise<OutsideChannel[]> {
    void userId;
    void topic;
    return [];
  }

  /** Whether the user wants `topic` at all (price alerts always; order topics as chosen in the settings). */
  async wants(userId: string, topic: NotificationTopic): Promise<boolean> {
    void userId;
    void topic;
    return true;
  }

  /** One attempt on one channel; never throws (a failure is an outcome). */
  async send(userId: string, channel: OutsideChannel, notification: Notification): Promise<SendOutcome> {
    void userId;
    void channel;
    void notification;
    return { delivered: false, retryable: false, error: 'not configured' };
  }

  /** A delivery succeeded: the channel's run of failures ends. */
  async delivered(userId: string, channel: OutsideChannel): Promise<void> {
    void userId;
    void channel;
  }

  /** A delivery was given up: after several in a row the channel is paused; says whether it just was. */
  async gaveUp(userId: string, channel: OutsideChannel, error: string): Promise<{ paused: boolean }> {
    void userId;
    void channel;
    void error;
    return { paused: false };
  }
}
