import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NotificationChannels, OutsideChannel } from '@lilux/api/notification-channels';
import { Clock, ClusterBus, Environment, Leadership, LeaseLostError, Transactions, USER_EVENT, UserEvent } from '@lilux/api/shared';
import { In, LessThanOrEqual } from 'typeorm';
import { skip, Subscription } from 'rxjs';
import { NotificationDeliveryEntity } from './entities/notification-delivery.entity';
import { NotificationEntity } from './entities/notification.entity';
import { toNotification } from './notification-mapping';
import { NotificationOutbox } from './notification-outbox';

/** How often the leader looks for due deliveries besides being told of new ones: retries, and other instances' rows. */
const POLL_MS = 1000;
const BATCH = 100;

type Settled = Partial<Pick<NotificationDeliveryEntity, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'deliveredAt'>>;

/**
 * Delivers the outbox, on the instance that leads the background jobs: every pending delivery that is due, the
 * console by publishing the notification on the user's live channel, the outside channels through
 * {@link NotificationChannels}. A retryable failure is tried again after a doubling wait, up to
 * NOTIFICATION_DELIVERY_ATTEMPTS; then it is given up, and if that pauses the channel the user is told in the
 * console. Rows are only ever settled after the attempt, so a restart (or a new leader) resumes what was pending.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly maxAttempts: number;
  private readonly retryMs: number;
  private timer?: NodeJS.Timeout;
  private leadershipChanges?: Subscription;
  private draining?: Promise<void>;
  private isAskedAgain = false;

  constructor(
    private readonly transactions: Transactions,
    private readonly channels: NotificationChannels,
    private readonly outbox: NotificationOutbox,
    private readonly bus: ClusterBus,
    private readonly clock: Clock,
    private readonly leadership: Leadership,
    config: ConfigService<Environment, true>,
  ) {
    this.maxAttempts = config.get('NOTIFICATION_DELIVERY_ATTEMPTS', { infer: true });
    this.retryMs = config.get('NOTIFICATION_RETRY_MS', { infer: true });
  }

  onApplicationBootstrap(): void {
    if (this.leadership.isLeading) this.start();
    this.leadershipChanges = this.leadership.isLeading$.pipe(skip(1)).subscribe((isLeading) => (isLeading ? this.start() : this.stop()));
  }

  async onApplicationShutdown(): Promise<void> {
    this.leadershipChanges?.unsubscribe();
    this.stop();
    await this.draining;
  }

  /** Something was recorded: deliver it now rather than at the next poll. Does nothing on an instance that does not lead. */
  deliverSoon(): void {
    if (!this.timer) return;
    if (this.draining) {
      this.isAskedAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => (this.draining = undefined));
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.deliverSoon(), POLL_MS);
    this.timer.unref();
    this.deliverSoon();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async drain(): Promise<void> {
    do {
      this.isAskedAgain = false;
      try {
        if ((await this.deliverDue()) === BATCH) this.isAskedAgain = true;
      } catch (error) {
        // The database is away: the rows stay pending and the next poll tries again.
        this.logger.warn({ err: error }, 'could not deliver notifications');
      }
    } while (this.isAskedAgain && this.timer);
  }

  private async deliverDue(): Promise<number> {
    const now = new Date(this.clock.now()).toISOString();
    const { due, notifications, siblings } = await this.transactions.run(async (manager) => {
      const due = await manager.find(NotificationDeliveryEntity, {
        where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
        order: { nextAttemptAt: 'ASC' },
        take: BATCH,
      });
      const ids = [...new Set(due.map((delivery) => delivery.notificationId))];
      const notifications = ids.length === 0 ? [] : await manager.findBy(NotificationEntity, { id: In(ids) });
      const siblings = ids.length === 0 ? [] : await manager.findBy(NotificationDeliveryEntity, { notificationId: In(ids) });
      return { due, notifications, siblings };
    });
    const byId = new Map(notifications.map((notification) => [notification.id, notification]));
    await Promise.all(
      due.map(async (delivery) => {
        const notification = byId.get(delivery.notificationId);
        if (!notification) return;
        try {
          await this.deliver(delivery, notification, siblings);
        } catch (error) {
          if (error instanceof LeaseLostError) return;
          this.logger.warn({ err: error, notificationId: notification.id, channel: delivery.channel }, 'could not deliver a notification');
        }
      }),
    );
    return due.length;
  }

  private async deliver(delivery: NotificationDeliveryEntity, notification: NotificationEntity, siblings: NotificationDeliveryEntity[]): Promise<void> {
    const now = new Date(this.clock.now()).toISOString();
    const attempts = delivery.attempts + 1;
    if (delivery.channel === 'console') {
      const shown = siblings.map((sibling) => (sibling === delivery ? { ...sibling, status: 'delivered' as const, attempts, deliveredAt: now } : sibling));
      const event: UserEvent = { userId: notification.userId, event: 'notification', data: toNotification(notification, shown) };
      await this.bus.publish(USER_EVENT, event);
      await this.settle(delivery, { status: 'delivered', attempts, nextAttemptAt: null, deliveredAt: now });
      return;
    }
    const channel = delivery.channel as OutsideChannel;
    const outcome = await this.channels.send(notification.userId, channel, toNotification(notification, siblings));
    if (outcome.delivered) {
      await this.settle(delivery, {
        status: 'delivered',
        attempts,
        nextAttemptAt: null,
        lastError: null,
        deliveredAt: new Date(this.clock.now()).toISOString(),
      });
      await this.channels.delivered(notification.userId, channel);
      return;
    }
    const error = outcome.error.slice(0, 300);
    if (outcome.retryable && attempts < this.maxAttempts) {
      const nextAttemptAt = new Date(this.clock.now() + this.retryMs * 2 ** (attempts - 1)).toISOString();
      await this.settle(delivery, { attempts, nextAttemptAt, lastError: error });
      return;
    }
    await this.settle(delivery, { status: 'failed', attempts, nextAttemptAt: null, lastError: error });
    const { paused } = await this.channels.gaveUp(notification.userId, channel, error);
    if (paused) await this.tellChannelPaused(notification, channel, error);
  }

  /** Writes the outcome of an attempt, as leader only: a former leader's late outcome must not overwrite a newer one. */
  private async settle(delivery: NotificationDeliveryEntity, settled: Settled): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.leadership.fence(manager);
      await manager.update(NotificationDeliveryEntity, { notificationId: delivery.notificationId, channel: delivery.channel, status: 'pending' }, settled);
    });
  }

  private async tellChannelPaused(notification: NotificationEntity, channel: OutsideChannel, error: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.leadership.fence(manager);
      await this.outbox.record(
        manager,
        {
          userId: notification.userId,
          topic: 'channel_paused',
          title: `Your ${channel} channel was paused`,
          body: `Lilux paused your ${channel} channel after deliveries kept failing (${error}). Save the channel again or send a test to resume it.`,
          data: { channel, error },
          dedupeKey: `channel_paused:${notification.id}:${channel}`,
        },
        [],
      );
    });
    this.isAskedAgain = true;
  }
}
