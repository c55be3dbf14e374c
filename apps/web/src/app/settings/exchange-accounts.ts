import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import type { AccountWithBalances, ExchangeAccountCheck, ExchangeMode } from '@lilux/contracts';
import { SignedInUser } from '@lilux/web/auth';
import { ActiveAccount, describeHttpError, fieldErrorsOf, Language, Toasts, TradingApi } from '@lilux/web/data-access';
import { StepUp } from '../two-factor/step-up';

const KIND_NAMES: Record<string, string> = { 'binance-testnet': 'Binance testnet', 'binance-live': 'Binance live' };

/** Where a connection check stands, and what to tell the trader about it. */
interface CheckState {
  state: 'checking' | 'ok' | 'failed';
  text: string;
}

/** Exchange accounts: connect one with its API key, check that the exchange accepts it, disconnect it. */
@Component({
  selector: 'lx-exchange-accounts',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule],
  templateUrl: './exchange-accounts.html',
  styleUrl: './exchange-accounts.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExchangeAccounts {
  private readonly api = inject(TradingApi);
  private readonly toasts = inject(Toasts);
  private readonly language = inject(Language);
  private readonly active = inject(ActiveAccount);
  protected readonly signedIn = inject(SignedInUser);
  private readonly stepUp = inject(StepUp);

  protected readonly accounts = resource({ loader: () => this.api.accounts() });
  protected readonly capabilities = this.active.capabilities;
  protected readonly exchangeAccounts = computed(() => (this.accounts.value() ?? []).filter((account) => account.kind !== 'paper'));
  protected readonly checks = signal<Record<string, CheckState>>({});
  protected readonly isSaving = signal(false);
  protected readonly serverErrors = signal<Record<string, string>>({});

  protected readonly form = inject(NonNullableFormBuilder).group({
    label: ['Binance testnet', [Validators.required, Validators.maxLength(64)]],
    mode: ['testnet' as ExchangeMode],
    apiKey: ['', [Validators.required, Validators.pattern(/^[A-Za-z0-9_-]{16,128}$/)]],
    secret: ['', [Validators.required, Validators.pattern(/^[A-Za-z0-9_-]{16,128}$/)]],
    password: ['', Validators.required],
  });

  constructor() {
    this.form.valueChanges.subscribe(() => this.serverErrors.set({}));
  }

  protected kindName(account: AccountWithBalances): string {
    return KIND_NAMES[account.kind] ?? account.kind;
  }

  protected async add(formDirective: FormGroupDirective): Promise<void> {
    if (this.form.invalid || this.isSaving()) {
      this.form.markAllAsTouched();
      return;
    }
    this.isSaving.set(true);
    try {
      const request = { exchange: 'binance' as const, ...this.form.getRawValue() };
      const account = await this.stepUp.run(
        (proof) => this.api.addExchangeAccount({ ...request, ...proof }),
        `Connect ${request.label}${request.mode === 'live' ? ' (live: real money)' : ''}`,
      );
      if (!account) return;
      this.toasts.success(`Connected ${account.label} (key ${account.apiKeyMasked})`);
      // Through the directive, so the form is no longer 'submitted' and the emptied fields show no errors.
      formDirective.resetForm();
      this.accounts.reload();
      this.active.reload();
    } catch (error) {
      this.serverErrors.set(fieldErrorsOf(error, this.language));
    } finally {
      this.isSaving.set(false);
    }
  }

  protected async check(account: AccountWithBalances): Promise<void> {
    this.setCheck(account.id, { state: 'checking', text: 'Asking the exchange…' });
    try {
      const check = await this.api.checkExchangeAccount(account.id);
      this.setCheck(account.id, { state: 'ok', text: `Connected: ${balancesOf(check)}` });
    } catch (error) {
      this.setCheck(account.id, { state: 'failed', text: describeHttpError(error, this.language) });
    }
  }

  protected async remove(account: AccountWithBalances): Promise<void> {
    if (!confirm(`Disconnect ${account.label}? Its keys are deleted from Lilux; its history stays.`)) return;
    const isDone = await this.stepUp.run((proof) => this.api.deleteExchangeAccount(account.id, proof).then(() => true), `Disconnect ${account.label}`);
    if (!isDone) return;
    this.toasts.success(`Disconnected ${account.label}`);
    this.accounts.reload();
    this.active.reload();
  }

  private setCheck(id: string, state: CheckState): void {
    this.checks.update((checks) => ({ ...checks, [id]: state }));
  }
}

function balancesOf(check: ExchangeAccountCheck): string {
  return check.balances.length === 0 ? 'no funds' : check.balances.map((balance) => `${balance.free} ${balance.asset}`).join(' · ');
}
