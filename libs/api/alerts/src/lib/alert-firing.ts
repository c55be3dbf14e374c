import { Injectable } from '@nestjs/common';
import type { PriceAlert } from '@lilux/contracts';
import { NotificationChannels } from '@lilux/api/notification-channels';
import { Clock, ClusterBus, Leadership, lockForUpdate, Transactions, USER_EVENT, UserEvent } from '@lilux/api/shared';
import { Logger } from '@nestjs/common';
import type { WatchedAlert } from './alert-book';
import { DeliveryWorker } from './delivery-worker';
import { PriceAlertEntity } from './entities/price-alert.entity';
import { toPriceAlert } from './notification-mapping';
import { NotificationOutbox } from './notification-outbox';

/** What became of a tick that reached an alert. */
export type FiringOutcome =
  | { fired: true; alert: PriceAlertEntity }
  /** Not fired: the alert is gone, paused, or a repeating one still cooling down (`rearmAt`, ms). */
  | { fired: false; rearmAt: number | null };

/**
 * Fires an alert a tick reached, exactly once: one transaction, fenced by the lease, updates the alert (fired,
 * or re-armed later for a repeating one) and records its notification with a pending delivery per channel. The
 * user's live channel hears of it only after the commit, and the notification is delivered from the outbox.
 */
@Injectable()
export class AlertFiring {
  private readonly logger = new Logger(AlertFiring.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly leadership: Leadership,
    private readonly outbox: NotificationOutbox,
    private readonly channels: NotificationChannels,
    private readonly worker: DeliveryWorker,
    private readonly bus: ClusterBus,
    private readonly clock: Clock,
  ) {}

  async fire(watched: WatchedAlert, last: string): Promise<FiringOutcome> {
    const outside = await this.channels.channelsFor(watched.userId, 'price_alert');
    const outcome = await this.transactions.run(async (manager): Promise<FiringOutcome> => {
      await this.leadership.fence(manager);
      await lockForUpdate(manager, PriceAlertEntity, [watched.id]);
      const alert = await manager.findOneBy(PriceAlertEntity, { id: watched.id });
      // Gone, paused, or moved (a dragged line) since the tick reached it: the change re-arms it where it is now.
      if (!alert || alert.state !== 'active' || !isReached(alert, Number(last))) return { fired: false, rearmAt: null };
      const now = this.clock.now();
      const coolsUntil = cooledDownAt(alert);
      if (coolsUntil !== null && coolsUntil > now) return { fired: false, rearmAt: coolsUntil };
      alert.firedCount += 1;
      alert.lastFiredAt = new Date(now).toISOString();
      if (!alert.repeat) alert.state = 'fired';
      if (alert.condition === 'crosses') alert.armedSide = Number(last) >= Number(alert.price) ? 'above' : 'below';
      await manager.save(alert);
      await this.outbox.record(manager, notificationOf(alert, last), outside, now);
      return { fired: true, alert };
    });
    if (outcome.fired) {
      this.worker.deliverSoon();
      this.publish(outcome.alert.userId, toPriceAlert(outcome.alert));
    }
    return outcome;
  }

  private publish(userId: string, alert: PriceAlert): void {
    const event: UserEvent = { userId, event: 'alert', data: alert };
    this.bus.publish(USER_EVENT, event).catch((error: unknown) => this.logger.warn({ err: error }, 'could not publish an alert event'));
  }
}

/** Whether `price` is where the alert's level, as stored now, fires; a move was measured by the book. */
function isReached(alert: PriceAlertEntity, price: number): boolean {
  const level = Number(alert.price);
  if (alert.condition === 'above') return price >= level;
  if (alert.condition === 'below') return price <= level;
  if (alert.condition === 'crosses') return alert.armedSide === 'above' ? price <= level : price >= level;
  return true;
}

/** When a repeating alert that fired may fire again (ms); null when nothing holds it back. */
export function cooledDownAt(alert: Pick<PriceAlertEntity, 'repeat' | 'lastFiredAt' | 'cooldownSeconds'>): number | null {
  if (!alert.repeat || alert.lastFiredAt === null) return null;
  return Date.parse(alert.lastFiredAt) + alert.cooldownSeconds * 1000;
}

function notificationOf(alert: PriceAlertEntity, last: string) {
  const level = alert.price === null ? null : String(alert.price);
  const what =
    alert.condition === 'above'
      ? `rose to ${last}, at or above ${level}`
      : alert.condition === 'below'
        ? `fell to ${last}, at or below ${level}`
        : alert.condition === 'crosses'
          ? `crossed ${level}: it is at ${last}`
          : `moved ${alert.movePercent} % or more within ${alert.windowMinutes} min: it is at ${last}`;
  const data: Record<string, string> = { alertId: alert.id, symbol: alert.symbol, condition: alert.condition, price: last };
  if (level !== null) data['level'] = level;
  if (alert.movePercent !== null) data['movePercent'] = String(alert.movePercent);
  if (alert.note) data['note'] = alert.note;
  return {
    userId: alert.userId,
    topic: 'price_alert' as const,
    title: `${alert.symbol} ${alert.condition === 'moves' ? 'moved' : alert.condition} ${level ?? `${alert.movePercent} %`}`,
    body: `${alert.symbol} ${what}.${alert.note ? ` ${alert.note}` : ''}`,
    data,
    // The alert's n-th firing, once, whatever retries of this transaction happen.
    dedupeKey: `alert:${alert.id}:${alert.firedCount}`,
  };
}
