import { Injectable } from '@nestjs/common';
import { ACCOUNT_KINDS, type AccountKind } from '@lilux/contracts';
import { AccountEntity } from './entities/account.entity';
import { ExchangeAdapter } from './exchange-adapter';

/** The exchange adapter of each kind of account. Adapters register themselves; callers ask by account. */
@Injectable()
export class ExchangeRegistry {
  private readonly adapters = new Map<AccountKind, ExchangeAdapter>();

  register(adapter: ExchangeAdapter): void {
    for (const kind of adapter.kinds) {
      if (this.adapters.has(kind)) throw new Error(`two exchange adapters registered for ${kind} accounts`);
      this.adapters.set(kind, adapter);
    }
  }

  /**
   * Every kind of account a user can have must be tradable: the application checks it once it is assembled
   * (a test module may hold only the adapter it tests).
   */
  assertEveryKindHasAnAdapter(): void {
    const missing = ACCOUNT_KINDS.filter((kind) => !this.adapters.has(kind));
    if (missing.length > 0) throw new Error(`no exchange adapter registered for ${missing.join(', ')} accounts`);
  }

  of(account: Pick<AccountEntity, 'kind'>): ExchangeAdapter {
    const adapter = this.adapters.get(account.kind);
    if (!adapter) throw new Error(`no exchange adapter registered for ${account.kind} accounts`);
    return adapter;
  }
}
