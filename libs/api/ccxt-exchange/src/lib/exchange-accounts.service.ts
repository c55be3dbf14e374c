import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Account, AddExchangeAccountRequest, ExchangeAccountCheck, ExchangeMode, TradingCapabilities } from '@lilux/contracts';
import { AuditLog } from '@lilux/api/audit';
import { CryptoService, EncryptedSecretStore, SecretStore } from '@lilux/api/crypto';
import { Clock, Environment, Transactions } from '@lilux/api/shared';
import { UsersService } from '@lilux/api/users';
import {
  AccountEntity,
  AccountsService,
  AccountWithoutKeysError,
  ExchangeCredentialsEntity,
  maskedKey,
  toAccount,
  WrongPasswordForKeysError,
} from '@lilux/api/orders';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { BinanceClients, ExchangeKeys } from './binance-client';

/** Testnet or live: which Binance an exchange account talks to. */
export function modeOf(account: AccountEntity): ExchangeMode {
  return account.kind === 'binance-live' ? 'live' : 'testnet';
}

/**
 * Exchange accounts and their keys: stored only encrypted, shown only masked, decrypted only to talk to the
 * exchange. Key rotation re-encrypts them through {@link reencryptAll}.
 */
@Injectable()
@SecretStore('exchange_credentials')
export class ExchangeAccountsService implements EncryptedSecretStore, OnApplicationBootstrap {
  private readonly liveTradingAllowed: boolean;

  constructor(
    private readonly transactions: Transactions,
    private readonly crypto: CryptoService,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly clients: BinanceClients,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    config: ConfigService<Environment, true>,
  ) {
    this.liveTradingAllowed = config.get('ALLOW_LIVE_TRADING', { infer: true });
  }

  /** ALLOW_LIVE_TRADING is read at start-up: a start with another value than the one last recorded switched it. */
  async onApplicationBootstrap(): Promise<void> {
    const recorded = (await this.audit.latestDetails('live-trading.switch'))?.['allowed'] ?? false;
    if (recorded === this.liveTradingAllowed) return;
    await this.audit.record({
      action: 'live-trading.switch',
      outcome: 'ok',
      subjectType: 'server',
      details: { allowed: this.liveTradingAllowed, setting: 'ALLOW_LIVE_TRADING' },
    });
  }

  get isLiveTradingAllowed(): boolean {
    return this.liveTradingAllowed;
  }

  capabilities(): TradingCapabilities {
    return { exchanges: [{ exchange: 'binance', modes: ['testnet', 'live'] }], liveTradingAllowed: this.liveTradingAllowed };
  }

  async add(userId: string, request: AddExchangeAccountRequest): Promise<Account> {
    if (!(await this.users.confirmPassword(userId, request.password))) throw new WrongPasswordForKeysError();
    const account = await this.transactions.run(async (manager) => {
      const entity = manager.create(AccountEntity, {
        id: randomUUID(),
        userId,
        kind: request.mode === 'live' ? 'binance-live' : 'binance-testnet',
        label: request.label.trim(),
        // The exchange keeps this account's ledger; ours starts empty and follows it.
        startAsset: 'USDT',
        startAmount: '0',
        createdAt: new Date(this.clock.now()).toISOString(),
        archivedAt: null,
      });
      await manager.insert(AccountEntity, entity);
      await manager.insert(ExchangeCredentialsEntity, {
        accountId: entity.id,
        apiKeyEncrypted: this.crypto.encrypt(request.apiKey),
        secretEncrypted: this.crypto.encrypt(request.secret),
        apiKeyLast4: request.apiKey.slice(-4),
      });
      return entity;
    });
    return { ...toAccount(account), apiKeyMasked: maskedKey(request.apiKey.slice(-4)) };
  }

  /** Archives the account (its orders and trades stay) and destroys its keys. */
  async remove(userId: string, accountId: string): Promise<void> {
    const account = await this.accounts.resolve(userId, accountId);
    if (account.kind === 'paper') throw new AccountWithoutKeysError('deleted (reset it instead)');
    await this.transactions.run(async (manager) => {
      await manager.delete(ExchangeCredentialsEntity, { accountId: account.id });
      await manager.update(AccountEntity, { id: account.id, archivedAt: IsNull() }, { archivedAt: new Date(this.clock.now()).toISOString() });
    });
  }

  /** Asks the exchange for the account's balances with its keys: proof they work. */
  async check(userId: string, accountId: string): Promise<ExchangeAccountCheck> {
    const account = await this.accounts.resolve(userId, accountId);
    if (account.kind === 'paper') throw new AccountWithoutKeysError('checked');
    const balances = await this.clients.balances(modeOf(account), await this.keysOf(account.id));
    return { ok: true, balances, checkedAt: new Date(this.clock.now()).toISOString() };
  }

  async reencryptAll(rotate: (token: string) => string): Promise<number> {
    return this.transactions.run(async (manager) => {
      let changed = 0;
      for (const row of await manager.find(ExchangeCredentialsEntity)) {
        const [apiKeyEncrypted, secretEncrypted] = [rotate(row.apiKeyEncrypted), rotate(row.secretEncrypted)];
        if (apiKeyEncrypted === row.apiKeyEncrypted && secretEncrypted === row.secretEncrypted) continue;
        await manager.update(ExchangeCredentialsEntity, { accountId: row.accountId }, { apiKeyEncrypted, secretEncrypted });
        changed += Number(apiKeyEncrypted !== row.apiKeyEncrypted) + Number(secretEncrypted !== row.secretEncrypted);
      }
      return changed;
    });
  }

  /** The account's keys in the clear, only ever held in memory to talk to its exchange. */
  async keysOf(accountId: string): Promise<ExchangeKeys> {
    const row = await this.transactions.run((manager) => manager.findOneByOrFail(ExchangeCredentialsEntity, { accountId }));
    return { apiKey: this.crypto.decrypt(row.apiKeyEncrypted), secret: this.crypto.decrypt(row.secretEncrypted) };
  }
}
