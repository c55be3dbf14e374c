import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NotificationTopic } from '@lilux/contracts';
import type { OutsideChannel } from '@lilux/api/notification-channels';
import { Clock, Environment } from '@lilux/api/shared';
import { randomUUID } from 'node:crypto';
import { EntityManager, MoreThan } from 'typeorm';
import { NotificationDeliveryEntity } from './entities/notification-delivery.entity';
import { NotificationEntity } from './entities/notification.entity';

export interface NotificationDraft {
  userId: string;
  topic: NotificationTopic;
  title: string;
  body: string;
  data: Record<string, string>;
  /** What the notification tells, once: a second draft with the same key records nothing. */
  dedupeKey: string;
}

/**
 * Records notifications in the outbox, inside the transaction of what they tell: the notification and one pending
 * delivery per channel (the console always, plus the user's outside channels) commit with it or not at all.
 * Delivering them is {@link DeliveryWorker}'s job, from these rows.
 */
@Injectable()
export class NotificationOutbox {
  private readonly perMinute: number;

  constructor(
    private readonly clock: Clock,
    config: ConfigService<Environment, true>,
  ) {
    this.perMinute = config.get('NOTIFICATIONS_PER_MINUTE', { infer: true });
  }

  /**
   * Inserts the notification unless one with its dedupe key exists (several instances hearing the same event
   * insert one row between them); returns it, or null when it already existed. Past the user's
   * NOTIFICATIONS_PER_MINUTE it goes to the console only. `at` (ms) is when what it tells happened.
   */
  async record(manager: EntityManager, draft: NotificationDraft, outside: OutsideChannel[], at = this.clock.now()): Promise<NotificationEntity | null> {
    const now = new Date(at).toISOString();
    const id = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values({ id, ...draft, data: JSON.stringify(draft.data), createdAt: now, readAt: null })
      .orIgnore()
      .execute();
    const recorded = await manager.findOneBy(NotificationEntity, { dedupeKey: draft.dedupeKey });
    if (!recorded || recorded.id !== id) return null;
    const minuteAgo = new Date(at - 60_000).toISOString();
    const lastMinute = await manager.countBy(NotificationEntity, { userId: draft.userId, createdAt: MoreThan(minuteAgo) });
    const channels = lastMinute > this.perMinute ? [] : outside;
    await manager.insert(
      NotificationDeliveryEntity,
      (['console', ...channels] as const).map((channel) => ({
        notificationId: id,
        channel,
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        deliveredAt: null,
      })),
    );
    return recorded;
  }
}
