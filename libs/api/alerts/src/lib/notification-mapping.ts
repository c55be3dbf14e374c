import type { Notification, NotificationDelivery, PriceAlert } from '@lilux/contracts';
import type { NotificationDeliveryEntity } from './entities/notification-delivery.entity';
import type { NotificationEntity } from './entities/notification.entity';
import type { PriceAlertEntity } from './entities/price-alert.entity';

export function toPriceAlert(entity: PriceAlertEntity): PriceAlert {
  return {
    id: entity.id,
    symbol: entity.symbol,
    condition: entity.condition,
    price: entity.price === null ? null : String(entity.price),
    movePercent: entity.movePercent === null ? null : String(entity.movePercent),
    windowMinutes: entity.windowMinutes,
    note: entity.note,
    repeat: Boolean(entity.repeat),
    cooldownSeconds: entity.cooldownSeconds,
    state: entity.state,
    firedCount: entity.firedCount,
    lastFiredAt: entity.lastFiredAt,
    createdAt: entity.createdAt,
  };
}

export function toNotification(entity: NotificationEntity, deliveries: NotificationDeliveryEntity[]): Notification {
  return {
    id: entity.id,
    topic: entity.topic,
    title: entity.title,
    body: entity.body,
    data: JSON.parse(entity.data) as Record<string, string>,
    createdAt: entity.createdAt,
    readAt: entity.readAt,
    deliveries: deliveries.filter((delivery) => delivery.notificationId === entity.id).map(toDelivery),
  };
}

function toDelivery(entity: NotificationDeliveryEntity): NotificationDelivery {
  return {
    channel: entity.channel,
    status: entity.status,
    attempts: entity.attempts,
    lastError: entity.lastError,
    deliveredAt: entity.deliveredAt,
  };
}
