import { Injectable } from '@nestjs/common';
import { lockForUpdate, Transactions } from '@lilux/api/shared';
import { Between, LessThan } from 'typeorm';
import { AccountEntity } from './entities/account.entity';
import type { EquityBucket } from './entities/equity-bucket.entity';
import { PositionEntity } from './entities/position.entity';
import { addEquityPoints, type EquitySpan, spanStart } from './equity-curve';
import type { Money } from './money';

/** The positions and equity curve kept with every fill (see `keepPositions`), for those who value accounts. */
@Injectable()
export class PositionsService {
  constructor(private readonly transactions: Transactions) {}

  positionsOf(accountId: string): Promise<PositionEntity[]> {
    return this.transactions.run((manager) => manager.find(PositionEntity, { where: { accountId }, order: { asset: 'ASC' } }));
  }

  /** The curve's rows of `span` from `from` to `to`, oldest first, and the last row before them (where the range opens). */
  equityCurve(accountId: string, span: EquitySpan, from: string, to: string): Promise<{ before: EquityBucket | null; buckets: EquityBucket[] }> {
    const [first, last] = [spanStart(from, span), spanStart(to, span)];
    return this.transactions.run(async (manager) => ({
      before: await manager.findOne(span.entity, { where: { accountId, start: LessThan(first) }, order: { start: 'DESC' } }),
      buckets: await manager.find(span.entity, { where: { accountId, start: Between(first, last) }, order: { start: 'ASC' } }),
    }));
  }

  /** Adds a valuation to the curve; under the account's lock, as fills add theirs, so neither undoes the other. */
  recordEquity(accountId: string, time: string, equity: Money): Promise<void> {
    return this.transactions.run(async (manager) => {
      await lockForUpdate(manager, AccountEntity, [accountId]);
      await addEquityPoints(manager, [{ accountId, time, equity }]);
    });
  }
}
