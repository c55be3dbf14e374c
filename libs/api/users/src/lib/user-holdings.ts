import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * What a user still has running in one part of Lilux, said for a person ("2 open orders"), or nothing. It reads
 * through the deletion's own transaction.
 */
export type HoldingsCheck = (manager: EntityManager, userId: string) => Promise<string[]>;

/**
 * The modules that keep things for a user (orders, exchange accounts) say here what would be left running if the
 * user were deleted; the users module asks before it deletes anyone, without knowing those modules' tables.
 */
@Injectable()
export class UserHoldings {
  private readonly checks: HoldingsCheck[] = [];

  register(check: HoldingsCheck): void {
    this.checks.push(check);
  }

  async of(manager: EntityManager, userId: string): Promise<string[]> {
    const found: string[] = [];
    for (const check of this.checks) found.push(...(await check(manager, userId)));
    return found;
  }
}
