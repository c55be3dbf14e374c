import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Order, OrderNotificationTopic } from '@lilux/contracts';
import { NotificationChannels, OutsideChannel } from '@lilux/api/notification-channels';
import { Clock, ClusterBus, Transactions, USER_EVENT, UserEvent } from '@lilux/api/shared';
import { DeliveryWorker } from './delivery-worker';
import { NotificationDraft, NotificationOutbox } from './notification-outbox';

/**
 * Turns the order events every instance hears on the bus into notifications for the users who want them. Each
 * instance records the same notification under the same dedupe key (order, status, filled quantity), and the
 * unique key keeps one row between them.
 */
@Injectable()
export class OrderNotifications implements OnModuleInit {
  private readonly logger = new Logger(OrderNotifications.name);
  private readonly waiting: { draft: NotificationDraft; canceledLegOf: string | null }[] = [];
  /** The entries (parent ids) whose stop-loss or take-profit leg was heard to trigger, and when (ms). */
  private readonly triggeredPairs = new Map<string, number>();
  private isRecording = false;

  constructor(
    private readonly bus: ClusterBus,
    private readonly transactions: Transactions,
    private readonly outbox: NotificationOutbox,
    private readonly channels: NotificationChannels,
    private readonly worker: DeliveryWorker,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(USER_EVENT, (message) => {
      const event = message as UserEvent;
      if (event.event === 'order') this.notify(event.userId, event.data);
    });
  }

  /**
   * Queues the order's notification; those arriving while a group is written go together in the next one. A
   * stop-loss or take-profit leg canceled because the other leg of its pair triggered tells nothing the trigger's
   * notification does not: the two are heard in the same turn (one commit), or the trigger first, and the leg's
   * cancel is left out when its group is written.
   */
  notify(userId: string, order: Order): void {
    const topic = topicOf(order);
    if (!topic) return;
    const pair = order.role === 'entry' ? null : order.parentId;
    if (pair !== null && (topic === 'stop_loss_triggered' || topic === 'take_profit_triggered')) this.rememberTriggered(pair);
    this.waiting.push({ draft: draftOf(userId, topic, order), canceledLegOf: topic === 'order_canceled' ? pair : null });
    if (this.isRecording) return;
    this.isRecording = true;
    setImmediate(() => void this.recordWaiting());
  }

  /**
   * Records the waiting notifications in one transaction (group commit, as paper orders are placed), one group
   * at a time: what arrives while a group is written waits for the next, so a burst of fills costs a few
   * statements on the database's one writer instead of four per fill. Each is still inserted-or-ignored under
   * its own dedupe key.
   */
  private async recordWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting
        .splice(0)
        .filter(({ canceledLegOf }) => canceledLegOf === null || !this.triggeredPairs.has(canceledLegOf))
        .map(({ draft }) => draft);
      try {
        const routes = new Map<string, OutsideChannel[] | null>();
        for (const draft of group) {
          const key = `${draft.userId}|${draft.topic}`;
          if (routes.has(key)) continue;
          const isWanted = await this.channels.wants(draft.userId, draft.topic);
          routes.set(key, isWanted ? await this.channels.channelsFor(draft.userId, draft.topic) : null);
        }
        const wanted = group.flatMap((draft) => {
          const outside = routes.get(`${draft.userId}|${draft.topic}`);
          return outside ? [{ draft, outside }] : [];
        });
        if (wanted.length === 0) continue;
        const recorded = await this.transactions.run((manager) => this.outbox.recordAll(manager, wanted));
        if (recorded.length > 0) this.worker.deliverSoon();
      } catch (error) {
        this.logger.warn({ err: error, orderIds: group.map((draft) => draft.data['orderId']) }, 'could not record order notifications');
      }
    }
    this.isRecording = false;
  }

  /** Kept long enough for an exchange's report of the other leg's cancel to follow the trigger's; then forgotten. */
  private rememberTriggered(parentId: string): void {
    const now = this.clock.now();
    for (const [id, at] of this.triggeredPairs) {
      if (at > now - TRIGGERED_PAIR_MEMORY_MS) break;
      this.triggeredPairs.delete(id);
    }
    this.triggeredPairs.delete(parentId);
    this.triggeredPairs.set(parentId, now);
  }
}

const TRIGGERED_PAIR_MEMORY_MS = 10 * 60_000;

/** What an order's new status tells its owner; nothing for the steps on the way (new, open, unknown). */
export function topicOf(order: Pick<Order, 'status' | 'role'>): OrderNotificationTopic | null {
  switch (order.status) {
    case 'filled':
      return order.role === 'stop_loss' ? 'stop_loss_triggered' : order.role === 'take_profit' ? 'take_profit_triggered' : 'order_filled';
    case 'partially_filled':
      return 'order_partially_filled';
    case 'canceled':
      return 'order_canceled';
    case 'rejected':
      return 'order_rejected';
    default:
      return null;
  }
}

const TITLES: Record<OrderNotificationTopic, string> = {
  order_filled: 'Order filled',
  order_partially_filled: 'Order partially filled',
  order_canceled: 'Order canceled',
  order_rejected: 'Order rejected',
  stop_loss_triggered: 'Stop-loss triggered',
  take_profit_triggered: 'Take-profit triggered',
  exchange_unreachable: 'Exchange unreachable',
  key_rejected: 'Exchange key rejected',
  unknown_order_found: 'Unknown order found',
};

function draftOf(userId: string, topic: OrderNotificationTopic, order: Order): NotificationDraft {
  const price = order.averagePrice ?? order.price;
  const data: Record<string, string> = {
    orderId: order.id,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    status: order.status,
    qty: order.qty,
    filledQty: order.filledQty,
  };
  if (price !== null) data['price'] = price;
  if (order.rejectReason) data['reason'] = order.rejectReason;
  const done = order.status === 'filled' || order.status === 'partially_filled' ? `${order.filledQty} of ${order.qty}` : order.qty;
  return {
    userId,
    topic,
    title: `${TITLES[topic]}: ${order.side} ${order.symbol}`,
    body: `${order.side} ${done} ${order.symbol}${price !== null ? ` at ${price}` : ''} (${order.type}, ${order.status})${order.rejectReason ? `: ${order.rejectReason}` : ''}.`,
    data,
    dedupeKey: `order:${order.id}:${order.status}:${order.filledQty}`,
  };
}
