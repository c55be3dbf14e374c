import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AccountWithBalances, ExchangeAccountCheck, ExchangeMode } from '@lilux/contracts';
import { SignedInUser } from '@lilux/web/auth';
import { ActiveAccount, AssetFigures, explainHttpError, fieldErrorsOf, Language, type LanguageTexts, Toasts, TradingApi } from '@lilux/web/data-access';
import { StepUp } from '../two-factor/step-up';

/** Where a connection check stands, and what to tell the trader about it. */
interface CheckState {
  state: 'checking' | 'ok' | 'failed';
  text: string;
  /** The exchange's or the network's own words about a failure, behind "Details". */
  detail?: string | null;
}

/** Exchange accounts: connect one with its API key, check that the exchange accepts it, disconnect it. */
@Component({
  selector: 'lx-exchange-accounts',
  imports: [ReactiveFormsModule, TranslocoPipe, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule],
  templateUrl: './exchange-accounts.html',
  styleUrl: './exchange-accounts.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExchangeAccounts {
  private readonly api = inject(TradingApi);
  private readonly toasts = inject(Toasts);
  private readonly language = inject(Language);
  private readonly active = inject(ActiveAccount);
  private readonly figures = inject(AssetFigures);
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
    return this.language.t(`shell.accountKind.${account.kind}`);
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
        this.language.t(request.mode === 'live' ? 'exchangeAccounts.connectLiveAction' : 'exchangeAccounts.connectAction', { label: request.label }),
      );
      if (!account) return;
      this.toasts.success(this.language.t('exchangeAccounts.connected', { label: account.label, key: account.apiKeyMasked }));
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
    this.setCheck(account.id, { state: 'checking', text: this.language.t('exchangeAccounts.asking') });
    try {
      const [check] = await Promise.all([this.api.checkExchangeAccount(account.id), this.figures.ready()]);
      this.setCheck(account.id, {
        state: 'ok',
        text: this.language.t('exchangeAccounts.checked', { balances: balancesOf(check, this.language, this.figures) }),
      });
    } catch (error) {
      const { sentence, detail } = explainHttpError(error, this.language);
      this.setCheck(account.id, { state: 'failed', text: sentence, detail });
    }
  }

  protected async remove(account: AccountWithBalances): Promise<void> {
    if (!confirm(this.language.t('exchangeAccounts.confirmDisconnect', { label: account.label }))) return;
    const isDone = await this.stepUp.run(
      (proof) => this.api.deleteExchangeAccount(account.id, proof).then(() => true),
      this.language.t('exchangeAccounts.disconnectLabel', { label: account.label }),
    );
    if (!isDone) return;
    this.toasts.success(this.language.t('exchangeAccounts.disconnected', { label: account.label }));
    this.accounts.reload();
    this.active.reload();
  }

  private setCheck(id: string, state: CheckState): void {
    this.checks.update((checks) => ({ ...checks, [id]: state }));
  }
}

function balancesOf(check: ExchangeAccountCheck, { t }: LanguageTexts, figures: AssetFigures): string {
  if (check.balances.length === 0) return t('exchangeAccounts.noFunds');
  return check.balances.map((balance) => `${figures.amount(balance.free, balance.asset)} ${balance.asset}`).join(' · ');
}
