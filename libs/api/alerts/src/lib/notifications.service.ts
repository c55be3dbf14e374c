import { Injectable } from '@nestjs/common';
import type { NotificationPage } from '@lilux/contracts';
import { decodeCursor, encodeCursor, keysetAfter } from '@lilux/api/orders';
import { Clock, Transactions } from '@lilux/api/shared';
import { In, IsNull } from 'typeorm';
import { NotificationNotFoundError } from './alerts.errors';
import { NotificationQueryDto } from './dto/notification-query.dto';
import { NotificationDeliveryEntity } from './entities/notification-delivery.entity';
import { NotificationEntity } from './entities/notification.entity';
import { toNotification } from './notification-mapping';

/** A user's notifications as a list: newest first with what became of each delivery, and read or not. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async list(userId: string, { limit, cursor }: NotificationQueryDto): Promise<NotificationPage> {
    return this.transactions.run(async (manager) => {
      const select = manager
        .createQueryBuilder(NotificationEntity, 'n')
        .where('n.user_id = :userId', { userId })
        .orderBy('n.created_at', 'DESC')
        .addOrderBy('n.id', 'DESC')
        .limit(limit + 1);
      keysetAfter(select, 'n.created_at', 'n.id', cursor === undefined ? undefined : decodeCursor(cursor));
      const rows = await select.getMany();
      const page = rows.slice(0, limit);
      const deliveries = page.length === 0 ? [] : await manager.findBy(NotificationDeliveryEntity, { notificationId: In(page.map((row) => row.id)) });
      const unread = await manager.countBy(NotificationEntity, { userId, readAt: IsNull() });
      const last = page[page.length - 1];
      return {
        notifications: page.map((row) => toNotification(row, deliveries)),
        unread,
        nextCursor: rows.length > limit && last ? encodeCursor({ time: last.createdAt, id: last.id }) : null,
      };
    });
  }

  async markRead(userId: string, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const notification = await manager.findOneBy(NotificationEntity, { id, userId });
      if (!notification) throw new NotificationNotFoundError();
      if (notification.readAt === null) await manager.update(NotificationEntity, { id }, { readAt: this.now() });
    });
  }

  async markAllRead(userId: string): Promise<void> {
    await this.transactions.run((manager) => manager.update(NotificationEntity, { userId, readAt: IsNull() }, { readAt: this.now() }));
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
