import { Injectable, OnModuleInit } from '@nestjs/common';
import { ACTIVE_ORDER_STATUSES } from '@lilux/contracts';
import { UserHoldings } from '@lilux/api/users';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { AccountEntity } from './entities/account.entity';
import { OrderEntity } from './entities/order.entity';

/**
 * Tells the users module what a user still has running in trading: orders that can still fill, and exchange
 * accounts whose keys Lilux holds. Deleting the user waits until both are gone.
 */
@Injectable()
export class TradingHoldings implements OnModuleInit {
  constructor(private readonly holdings: UserHoldings) {}

  onModuleInit(): void {
    this.holdings.register((manager, userId) => this.of(manager, userId));
  }

  async of(manager: EntityManager, userId: string): Promise<string[]> {
    const orders = await manager.count(OrderEntity, { where: { userId, status: In(ACTIVE_ORDER_STATUSES) } });
    const exchangeAccounts = await manager.count(AccountEntity, { where: { userId, kind: Not('paper'), archivedAt: IsNull() } });
    return [counted(orders, 'open order'), counted(exchangeAccounts, 'connected exchange account')].filter((holding) => holding !== '');
  }
}

function counted(count: number, thing: string): string {
  if (count === 0) return '';
  return `${count} ${thing}${count === 1 ? '' : 's'}`;
}
