import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { AccountProblem, AccountProblemNotice } from '@lilux/contracts';
import { NotificationChannels } from '@lilux/api/notification-channels';
import { ClusterBus, Transactions, USER_EVENT, UserEvent } from '@lilux/api/shared';
import { EntityManager } from 'typeorm';
import { DeliveryWorker } from './delivery-worker';
import { NotificationEntity } from './entities/notification.entity';
import { NotificationDraft, NotificationOutbox } from './notification-outbox';

/**
 * How long one account's problem is told once: an exchange that is down is seen on every order and every
 * reconciliation (every 10 s), and flapping, it would be told each time it came back and fell again.
 */
export const ACCOUNT_PROBLEM_PERIOD_MS = 15 * 60_000;

/**
 * Turns the problems of exchange accounts every instance hears on the bus into notifications for the users who
 * want them, once per account and problem per {@link ACCOUNT_PROBLEM_PERIOD_MS} (once per order for an unknown
 * order): every instance records the same dedupe key, and the unique key keeps one row.
 */
@Injectable()
export class AccountNotifications implements OnModuleInit {
  private readonly logger = new Logger(AccountNotifications.name);

  constructor(
    private readonly bus: ClusterBus,
    private readonly transactions: Transactions,
    private readonly outbox: NotificationOutbox,
    private readonly channels: NotificationChannels,
    private readonly worker: DeliveryWorker,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(USER_EVENT, (message) => {
      const event = message as UserEvent;
      if (event.event === 'account') void this.notify(event.userId, event.data);
    });
  }

  async notify(userId: string, notice: AccountProblemNotice): Promise<void> {
    try {
      if (!(await this.channels.wants(userId, notice.problem))) return;
      const outside = await this.channels.channelsFor(userId, notice.problem);
      const draft = draftOf(userId, notice);
      const recorded = await this.transactions.run(async (manager) => {
        // Told within the period already, maybe in the slot before: a problem that spans a slot's end is told once.
        if (
          notice.problem !== 'unknown_order_found' &&
          (await this.isToldSince(manager, userId, problemKeyOf(notice), Date.parse(notice.at) - ACCOUNT_PROBLEM_PERIOD_MS))
        )
          return null;
        return this.outbox.record(manager, draft, outside);
      });
      if (recorded) this.worker.deliverSoon();
    } catch (error) {
      this.logger.warn({ err: error, accountId: notice.accountId, problem: notice.problem }, 'could not record an account notification');
    }
  }

  private async isToldSince(manager: EntityManager, userId: string, problemKey: string, since: number): Promise<boolean> {
    const told = await manager
      .createQueryBuilder(NotificationEntity, 'notification')
      .where('notification.userId = :userId', { userId })
      .andWhere('notification.createdAt > :since', { since: new Date(since).toISOString() })
      .andWhere('notification.dedupeKey LIKE :key', { key: `${problemKey}:%` })
      .getCount();
    return told > 0;
  }
}

const TITLES: Record<AccountProblem, string> = {
  exchange_unreachable: 'Exchange unreachable',
  key_rejected: 'Exchange key rejected',
  unknown_order_found: 'Unknown order found',
};

/** What tells the same thing twice: the account and problem within one period, or the same unknown order. */
export function dedupeKeyOf(notice: AccountProblemNotice): string {
  const base = problemKeyOf(notice);
  if (notice.problem === 'unknown_order_found') return `${base}:${notice.exchangeOrderId ?? ''}`;
  return `${base}:${Math.floor(Date.parse(notice.at) / ACCOUNT_PROBLEM_PERIOD_MS)}`;
}

function problemKeyOf(notice: AccountProblemNotice): string {
  return `account:${notice.accountId}:${notice.problem}`;
}

function draftOf(userId: string, notice: AccountProblemNotice): NotificationDraft {
  const data: Record<string, string> = { accountId: notice.accountId, label: notice.label, problem: notice.problem };
  if (notice.exchangeOrderId) data['exchangeOrderId'] = notice.exchangeOrderId;
  if (notice.symbol) data['symbol'] = notice.symbol;
  return {
    userId,
    topic: notice.problem,
    title: `${TITLES[notice.problem]}: ${notice.label}`,
    body: `${notice.label}: ${notice.detail}.`,
    data,
    dedupeKey: dedupeKeyOf(notice),
  };
}
