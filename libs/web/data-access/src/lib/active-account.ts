import { computed, inject, Injectable, resource, signal } from '@angular/core';
import type { AccountWithBalances, Balance } from '@lilux/contracts';
import { TradingApi } from './trading-api';

const STORAGE_KEY = 'lilux.account';

/**
 * The account the console trades on and shows, chosen in the toolbar and remembered across reloads. The paper
 * account until the trader picks another.
 */
@Injectable({ providedIn: 'root' })
export class ActiveAccount {
  private readonly api = inject(TradingApi);
  private readonly chosenId = signal<string | null>(localStorage.getItem(STORAGE_KEY));

  readonly accounts = resource({ loader: () => this.api.accounts() });
  readonly account = computed<AccountWithBalances | null>(() => {
    // A refused load (e.g. two-factor enrolment required first) leaves no account rather than an error to render.
    const accounts = this.accounts.hasValue() ? this.accounts.value() : [];
    return accounts.find((account) => account.id === this.chosenId()) ?? accounts.find((account) => account.kind === 'paper') ?? null;
  });
  readonly isPaper = computed(() => this.account()?.kind === 'paper');
  readonly capabilities = resource({ loader: () => this.api.capabilities() });
  /** A live account is chosen while this server takes no live orders. */
  readonly isLiveBlocked = computed(() => this.account()?.kind === 'binance-live' && this.capabilities.value()?.liveTradingAllowed === false);

  choose(accountId: string): void {
    localStorage.setItem(STORAGE_KEY, accountId);
    this.chosenId.set(accountId);
  }

  /** A paper account's balances as an order or fill event changed them, without asking the server again. */
  patchBalances(accountId: string, patch: (balances: Balance[]) => Balance[]): void {
    if (!this.accounts.hasValue()) return;
    this.accounts.update((accounts) => accounts?.map((account) => (account.id === accountId ? { ...account, balances: patch(account.balances) } : account)));
  }

  /** After accounts were connected or disconnected. */
  reload(): void {
    this.accounts.reload();
  }
}
