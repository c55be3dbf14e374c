import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NotificationTopic } from '@lilux/contracts';
import type { OutsideChannel } from '@lilux/api/notification-channels';
import { Clock, Environment } from '@lilux/api/shared';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, MoreThan } from 'typeorm';
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
    const [recorded] = await this.recordAll(manager, [{ draft, outside }], at);
    return recorded ?? null;
  }

  /**
   * Records several as {@link record} does each, in a few statements for them all (an insert-or-ignore, a read of
   * their keys, a count per user, an insert of their deliveries) instead of four each: a burst of order fills is
   * recorded while paper orders are written on the same one SQLite connection. Returns those that were new.
   */
  async recordAll(
    manager: EntityManager,
    drafts: { draft: NotificationDraft; outside: OutsideChannel[] }[],
    at = this.clock.now(),
  ): Promise<NotificationEntity[]> {
    if (drafts.length === 0) return [];
    const now = new Date(at).toISOString();
    const rows = drafts.map(({ draft }) => ({ id: randomUUID(), ...draft, data: JSON.stringify(draft.data), createdAt: now, readAt: null }));
    for (const chunk of chunks(rows)) await manager.createQueryBuilder().insert().into(NotificationEntity).values(chunk).orIgnore().execute();
    const kept = new Map<string, NotificationEntity>();
    for (const chunk of chunks(rows))
      for (const row of await manager.findBy(NotificationEntity, { dedupeKey: In(chunk.map((row) => row.dedupeKey)) })) kept.set(row.dedupeKey, row);
    const recorded: { row: NotificationEntity; outside: OutsideChannel[] }[] = [];
    rows.forEach((row, index) => {
      const stored = kept.get(row.dedupeKey);
      if (stored?.id === row.id) recorded.push({ row: stored, outside: drafts[index].outside });
    });
    if (recorded.length === 0) return [];
    // Counted once per user, with this group's own rows in it: the n-th new one of a user saw n - 1 of them before it.
    const minuteAgo = new Date(at - 60_000).toISOString();
    const seen = new Map<string, number>();
    for (const userId of new Set(recorded.map(({ row }) => row.userId))) {
      const lastMinute = await manager.countBy(NotificationEntity, { userId, createdAt: MoreThan(minuteAgo) });
      seen.set(userId, lastMinute - recorded.filter(({ row }) => row.userId === userId).length);
    }
    const deliveries = recorded.flatMap(({ row, outside }) => {
      const lastMinute = (seen.get(row.userId) ?? 0) + 1;
      seen.set(row.userId, lastMinute);
      const channels = lastMinute > this.perMinute ? [] : outside;
      return (['console', ...channels] as const).map((channel) => ({
        notificationId: row.id,
        channel,
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        deliveredAt: null,
      }));
    });
    for (const chunk of chunks(deliveries)) await manager.insert(NotificationDeliveryEntity, chunk);
    return recorded.map(({ row }) => row);
  }
}

/** Rows per statement: well under SQLite's bound on a statement's parameters at eight or so columns a row. */
const CHUNK = 100;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}
