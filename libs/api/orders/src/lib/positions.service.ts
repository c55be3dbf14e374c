import { Injectable } from '@nestjs/common';
import { lockForUpdate, Transactions } from '@lilux/api/shared';
import { LessThan, Between } from 'typeorm';
import { AccountEntity } from './entities/account.entity';
import { EquityHourEntity } from './entities/equity-hour.entity';
import { PositionEntity } from './entities/position.entity';
import { hourOf, withEquityPoint } from './kept-positions';
import type { Money } from './money';

/** The positions and equity curve kept with every fill (see `keepPositions`), for those who value accounts. */
@Injectable()
export class PositionsService {
  constructor(private readonly transactions: Transactions) {}

  positionsOf(accountId: string): Promise<PositionEntity[]> {
    return this.transactions.run((manager) => manager.find(PositionEntity, { where: { accountId }, order: { asset: 'ASC' } }));
  }

  /** The curve's hours from `from` to `to`, oldest first, and the last hour before them (where the range opens). */
  equityHours(accountId: string, from: string, to: string): Promise<{ before: EquityHourEntity | null; hours: EquityHourEntity[] }> {
    return this.transactions.run(async (manager) => ({
      before: await manager.findOne(EquityHourEntity, { where: { accountId, hour: LessThan(hourOf(from)) }, order: { hour: 'DESC' } }),
      hours: await manager.find(EquityHourEntity, { where: { accountId, hour: Between(hourOf(from), hourOf(to)) }, order: { hour: 'ASC' } }),
    }));
  }

  /** Adds a valuation to the curve; under the account's lock, as fills add theirs, so neither undoes the other. */
  recordEquity(accountId: string, time: string, equity: Money): Promise<void> {
    return this.transactions.run(async (manager) => {
      await lockForUpdate(manager, AccountEntity, [accountId]);
      const row = await manager.findOneBy(EquityHourEntity, { accountId, hour: hourOf(time) });
      await manager.upsert(EquityHourEntity, withEquityPoint(row ?? undefined, accountId, time, equity), ['accountId', 'hour']);
    });
  }
}
