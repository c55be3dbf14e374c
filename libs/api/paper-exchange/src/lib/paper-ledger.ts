import { AccountEntity, BalanceEntity, InsufficientFundsError, Money, money, toDecimalString, ZERO } from '@lilux/api/orders';
import { lockForUpdate } from '@lilux/api/shared';
import type { EntityManager } from 'typeorm';

export interface Holding {
  free: Money;
  locked: Money;
  changed: boolean;
  stored: boolean;
}

/**
 * An account's balances inside one transaction: read once, changed in memory, written back at the end. Every
 * change keeps free and locked at zero or above, or throws before anything is written.
 */
export class PaperLedger {
  private constructor(
    private readonly manager: EntityManager,
    private readonly accountId: string,
    private readonly holdings: Map<string, Holding>,
  ) {}

  /** Locks the account until the transaction ends (on PostgreSQL), then reads its balances. */
  static async open(manager: EntityManager, accountId: string): Promise<PaperLedger> {
    await lockForUpdate(manager, AccountEntity, [accountId]);
    const rows = await manager.find(BalanceEntity, { where: { accountId } });
    const holdings = new Map(rows.map((row) => [row.asset, { free: money(row.free), locked: money(row.locked), changed: false, stored: true }]));
    return new PaperLedger(manager, accountId, holdings);
  }

  /** The balances as they stand, to go back to if what follows fails. */
  snapshot(): Map<string, Holding> {
    return new Map([...this.holdings].map(([asset, holding]) => [asset, { ...holding }]));
  }

  restore(snapshot: Map<string, Holding>): void {
    this.holdings.clear();
    for (const [asset, holding] of snapshot) this.holdings.set(asset, { ...holding });
  }

  free(asset: string): Money {
    return this.holdings.get(asset)?.free ?? ZERO;
  }

  /** Moves `amount` from free to locked. */
  lock(asset: string, amount: Money): void {
    const holding = this.holding(asset);
    if (holding.free.lt(amount)) throw new InsufficientFundsError(asset, toDecimalString(amount), toDecimalString(holding.free));
    holding.free = holding.free.minus(amount);
    holding.locked = holding.locked.plus(amount);
    holding.changed = true;
  }

  /** Moves `amount` from locked back to free. */
  unlock(asset: string, amount: Money): void {
    const holding = this.holding(asset);
    if (holding.locked.lt(amount)) throw new Error(`ledger corrupt: unlocking ${amount} ${asset} of ${holding.locked} locked`);
    holding.locked = holding.locked.minus(amount);
    holding.free = holding.free.plus(amount);
    holding.changed = true;
  }

  credit(asset: string, amount: Money): void {
    const holding = this.holding(asset);
    holding.free = holding.free.plus(amount);
    holding.changed = true;
  }

  debit(asset: string, amount: Money): void {
    const holding = this.holding(asset);
    if (holding.free.lt(amount)) throw new InsufficientFundsError(asset, toDecimalString(amount), toDecimalString(holding.free));
    holding.free = holding.free.minus(amount);
    holding.changed = true;
  }

  async save(): Promise<void> {
    for (const [asset, holding] of this.holdings) {
      if (!holding.changed) continue;
      const amounts = { free: toDecimalString(holding.free), locked: toDecimalString(holding.locked) };
      if (holding.stored) await this.manager.update(BalanceEntity, { accountId: this.accountId, asset }, amounts);
      else await this.manager.insert(BalanceEntity, { accountId: this.accountId, asset, ...amounts });
      holding.changed = false;
      holding.stored = true;
    }
  }

  private holding(asset: string): Holding {
    let holding = this.holdings.get(asset);
    if (!holding) {
      holding = { free: ZERO, locked: ZERO, changed: false, stored: false };
      this.holdings.set(asset, holding);
    }
    return holding;
  }
}
