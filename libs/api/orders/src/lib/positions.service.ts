import { Injectable } from '@nestjs/common';
import { lockForUpdate, Transactions } from '@lilux/api/shared';
import { Between, EntityManager, In, LessThan, MoreThan } from 'typeorm';
import { AccountEntity } from './entities/account.entity';
import { type EquityBucket, EquityHourEntity } from './entities/equity-bucket.entity';
import { FillEntity } from './entities/fill.entity';
import { PositionEntity } from './entities/position.entity';
import { addEquityPoints, addHourSnapshots, type EquityPointAt, type EquitySpan, spanStart } from './equity-curve';
import type { Money } from './money';

/** A paper account that holds something, with every position it keeps (those it holds nothing of count for cash). */
export interface HeldAccount {
  account: AccountEntity;
  positions: PositionEntity[];
}

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

  /**
   * Up to `limit` paper accounts in use (not archived by a reset) holding a non-zero quantity of something, by id after `after`: a page of those an
   * hourly snapshot values. Zero is written as '0' (`applyToPosition`), which both databases compare as equal.
   */
  heldPaperAccounts(after: string, limit: number): Promise<HeldAccount[]> {
    return this.transactions.run(async (manager) => {
      const accounts = await manager
        .createQueryBuilder(AccountEntity, 'a')
        .where("a.kind = 'paper'")
        .andWhere('a.archived_at IS NULL')
        .andWhere('a.id > :after', { after })
        .andWhere(
          (query) => `EXISTS ${query.subQuery().select('1').from(PositionEntity, 'p').where('p.account_id = a.id').andWhere("p.qty <> '0'").getQuery()}`,
        )
        .orderBy('a.id')
        .limit(limit)
        .getMany();
      if (accounts.length === 0) return [];
      const positions = await manager.findBy(PositionEntity, { accountId: In(accounts.map((account) => account.id)) });
      return accounts.map((account) => ({ account, positions: positions.filter((position) => position.accountId === account.id) }));
    });
  }

  /** The starts of the hours from `from` to `to` whose curve opens at the hour itself: those that have their snapshot. */
  async snapshotHours(accountIds: string[], from: string, to: string): Promise<Set<string>> {
    const rows = await this.transactions.run((manager) =>
      manager.find(EquityHourEntity, {
        select: { accountId: true, start: true, firstAt: true },
        where: { accountId: In(accountIds), start: Between(from, to) },
      }),
    );
    return new Set(
      rows.filter((row) => Date.parse(row.firstAt) === Date.parse(row.start)).map((row) => `${row.accountId} ${new Date(row.start).toISOString()}`),
    );
  }

  /** The fills of these accounts made after `time`, newest first: what undoing them from the kept positions passes through. */
  fillsAfter(accountIds: string[], time: string): Promise<FillEntity[]> {
    return this.transactions.run((manager) =>
      manager.find(FillEntity, { where: { accountId: In(accountIds), executedAt: MoreThan(time) }, order: { executedAt: 'DESC', id: 'DESC' } }),
    );
  }

  /**
   * Adds each account's valuation at the start of an hour, unless that hour already has one: the first writer wins,
   * so a second instance, a takeover or a retry never changes a snapshot. `fence` runs inside the transaction
   * before anything is written (the caller's check that it still leads). Returns how many points were added.
   */
  recordHourSnapshots(points: EquityPointAt[], fence: (manager: EntityManager) => Promise<void>): Promise<number> {
    if (points.length === 0) return Promise.resolve(0);
    return this.transactions.run(async (manager) => {
      await lockForUpdate(manager, AccountEntity, [...new Set(points.map((point) => point.accountId))]);
      await fence(manager);
      return addHourSnapshots(manager, points);
    });
  }
}
