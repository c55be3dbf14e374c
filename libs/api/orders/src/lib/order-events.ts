import { Injectable, Logger } from '@nestjs/common';
import type { OrderEvent } from '@lilux/contracts';
import { ClusterBus, USER_EVENT, UserEvent } from '@lilux/api/shared';
import { OrderChanges } from './order-changes';
import { toOrder, toTrade } from './order-mapping';

/** Tells each user's live channel, on every instance, what committed changes did to their orders and fills. */
@Injectable()
export class OrderEvents {
  private readonly logger = new Logger(OrderEvents.name);

  constructor(private readonly bus: ClusterBus) {}

  /** Only after the commit: the live channel must never show what a rollback undid. */
  published(changes: OrderChanges): void {
    try {
      const owners = new Map<string, string>();
      for (const order of changes.orders.values()) {
        owners.set(order.id, order.userId);
        this.publish(order.userId, { event: 'order', data: toOrder(order, changes.transitions) });
      }
      for (const fill of changes.fills) {
        const userId = owners.get(fill.orderId);
        if (userId) this.publish(userId, { event: 'trade', data: toTrade(fill) });
      }
    } catch (error) {
      // The trade happened; only its notification failed. The console refreshes from the REST routes.
      this.logger.warn({ err: error }, 'could not publish order events');
    }
  }

  /** Sent in order on one connection, so every instance hears a user's events in the order they happened. */
  private publish(userId: string, event: OrderEvent): void {
    const message: UserEvent = { userId, ...event };
    this.bus.publish(USER_EVENT, message).catch((error: unknown) => this.logger.warn({ err: error }, 'could not publish order events'));
  }
}
