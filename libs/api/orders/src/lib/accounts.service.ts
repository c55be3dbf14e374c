import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { isResting, RESTING_ORDER_STATUSES, type AccountWithBalances, type Account } from '@lilux/contracts';
import { Clock, Environment, isUniqueViolation, Transactions } from '@lilux/api/shared';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull } from 'typeorm';
import { AccountEntity } from './entities/account.entity';
import { BalanceEntity } from './entities/balance.entity';
import { ExchangeCredentialsEntity } from './entities/exchange-credentials.entity';
import { OrderEntity } from './entities/order.entity';
import { AccountNotFoundError, ExchangeLedgerUnavailableError } from './orders.errors';
import { ExchangeRegistry } from './exchange-registry';

const PAPER_QUOTE = 'USDT';

/** The accounts a user trades on. Every user has exactly one active paper account, made on first use. */
@Injectable()
export class AccountsService {
  private readonly startBalance: string;
  /**
   * Every order asks for its user's paper account; it changes only on reset. Kept in memory only where this
   * process is the database's one writer: on PostgreSQL another instance may reset it.
   */
  private readonly paperAccounts: Map<string, AccountEntity> | null;

  constructor(
    private readonly transactions: Transactions,
    private readonly exchanges: ExchangeRegistry,
    private readonly clock: Clock,
    config: ConfigService<Environment, true>,
  ) {
    this.startBalance = config.get('PAPER_START_BALANCE', { infer: true });
    this.paperAccounts = transactions.isSingleWriter ? new Map() : null;
  }

  /** The account an order or a query names, or the user's paper account; someone else's account is a 404. */
  async resolve(userId: string, accountId?: string): Promise<AccountEntity> {
    if (!accountId) return this.paperAccount(userId);
    const account = await this.transactions.run((manager) => manager.findOneBy(AccountEntity, { id: accountId, userId, archivedAt: IsNull() }));
    if (!account) throw new AccountNotFoundError();
    return account;
  }

  /** Like {@link resolve}, for what is replayed from Lilux's own ledger of every balance change: paper accounts only. */
  async resolveLedger(userId: string, accountId?: string): Promise<AccountEntity> {
    const account = await this.resolve(userId, accountId);
    if (account.kind !== 'paper') throw new ExchangeLedgerUnavailableError();
    return account;
  }

  async list(userId: string): Promise<AccountWithBalances[]> {
    await this.paperAccount(userId);
    return this.transactions.run(async (manager) => {
      const accounts = await manager.find(AccountEntity, { where: { userId, archivedAt: IsNull() }, order: { createdAt: 'ASC' } });
      const result: AccountWithBalances[] = [];
      for (const account of accounts) {
        if (account.kind === 'paper') {
          const balances = await manager.find(BalanceEntity, { where: { accountId: account.id }, order: { asset: 'ASC' } });
          const held = balances.map(({ asset, free, locked }) => ({ asset, free, locked }));
          result.push({ ...toAccount(account), balances: held, fees: this.exchanges.of(account).feeRates(account) });
        } else {
          // The exchange holds these balances; POST /api/accounts/:id/check reads them with the account's keys.
          const keys = await manager.findOneBy(ExchangeCredentialsEntity, { accountId: account.id });
          result.push({
            ...toAccount(account),
            apiKeyMasked: keys ? maskedKey(keys.apiKeyLast4) : undefined,
            balances: [],
            fees: this.exchanges.of(account).feeRates(account),
          });
        }
      }
      return result;
    });
  }

  /** Every account the user ever had, archived ones included: their trades stay visible. */
  async allAccountIds(userId: string): Promise<string[]> {
    const accounts = await this.transactions.run((manager) => manager.find(AccountEntity, { where: { userId }, select: { id: true } }));
    return accounts.map((account) => account.id);
  }

  /** Cancels the paper account's open orders, archives it with its history and opens a fresh one. */
  async resetPaper(userId: string): Promise<Account> {
    const current = await this.paperAccount(userId);
    const open = await this.transactions.run((manager) => manager.find(OrderEntity, { where: { accountId: current.id, status: In(RESTING_ORDER_STATUSES) } }));
    const paper = this.exchanges.of(current);
    for (const order of open) {
      // Canceling one leg of a stop-loss / take-profit pair cancels the other: it may be gone already.
      const latest = await this.transactions.run((manager) => manager.findOneByOrFail(OrderEntity, { id: order.id }));
      if (isResting(latest.status)) await paper.cancelOrder(latest);
    }
    this.paperAccounts?.delete(userId);
    const fresh = await this.transactions.run(async (manager) => {
      await manager.update(AccountEntity, { id: current.id }, { archivedAt: this.now() });
      return this.createPaperAccount(manager, userId);
    });
    this.paperAccounts?.set(userId, fresh);
    return toAccount(fresh);
  }

  private async paperAccount(userId: string): Promise<AccountEntity> {
    const known = this.paperAccounts?.get(userId);
    if (known) return known;
    const active = () => this.transactions.run((manager) => manager.findOneBy(AccountEntity, { userId, kind: 'paper', archivedAt: IsNull() }));
    let account = await active();
    if (!account) {
      try {
        account = await this.transactions.run((manager) => this.createPaperAccount(manager, userId));
      } catch (error) {
        // Two first orders at once (on two instances): one unique index admits one active paper account.
        if (!isUniqueViolation(error)) throw error;
        account = await active();
        if (!account) throw error;
      }
    }
    this.paperAccounts?.set(userId, account);
    return account;
  }

  private async createPaperAccount(manager: EntityManager, userId: string): Promise<AccountEntity> {
    const account = manager.create(AccountEntity, {
      id: randomUUID(),
      userId,
      kind: 'paper',
      label: 'Paper',
      startAsset: PAPER_QUOTE,
      startAmount: this.startBalance,
      createdAt: this.now(),
      archivedAt: null,
    });
    await manager.insert(AccountEntity, account);
    await manager.insert(BalanceEntity, { accountId: account.id, asset: PAPER_QUOTE, free: this.startBalance, locked: '0' });
    return account;
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

/** An API key as the console may show it: its last four characters. */
export function maskedKey(last4: string): string {
  return `••••${last4}`;
}

export function toAccount(account: AccountEntity): Account {
  return { id: account.id, kind: account.kind, label: account.label, createdAt: account.createdAt };
}
