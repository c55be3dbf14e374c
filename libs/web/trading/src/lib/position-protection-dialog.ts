import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import { DECIMAL_PATTERN, type Market, type PositionProtection } from '@lilux/contracts';
import { checkProtectionLevels, money } from '@lilux/order-rules';
import {
  AssetFigures,
  decimalInput,
  decimalText,
  describeHttpError,
  fieldErrorsOf,
  fieldMessage,
  Language,
  MarketApi,
  Toasts,
  TradingApi,
} from '@lilux/web/data-access';
import { TradingStore } from './trading-store';

/** The position the dialog protects, with the levels resting on it now (null: none). */
export interface ProtectedPosition {
  accountId: string;
  market: Market;
  qty: string;
  sl: string | null;
  tp: string | null;
}

type Level = 'sl' | 'tp';
const LEVELS: Level[] = ['sl', 'tp'];

/**
 * Attaches, changes or removes the stop-loss and take-profit of a held position. Checks the levels against the
 * market as the ticket does, then puts the server's refusals next to the fields they name and any other refusal
 * (coins locked by other orders) at the bottom. The new legs reach the open orders and the chart as live events.
 */
@Component({
  selector: 'lx-position-protection-dialog',
  imports: [ReactiveFormsModule, TranslocoPipe, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 mat-dialog-title>{{ (hasLevels ? 'protection.editTitle' : 'protection.attachTitle') | transloco: { symbol: data.market.symbol } }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="protection-form">
      <mat-dialog-content>
        <p class="covers">{{ 'protection.covers' | transloco: { qty: quantity(), base: data.market.base, last: lastText() } }}</p>
        @for (level of levels; track level) {
          <div class="level">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ (level === 'sl' ? 'ticket.stopLoss' : 'ticket.takeProfit') | transloco }}</mat-label>
              <input matInput [formControlName]="level" inputmode="decimal" autocomplete="off" [attr.data-testid]="'protection-' + level" />
              @if (errorOf(level); as message) {
                <mat-hint class="error" role="alert" [attr.data-testid]="'protection-' + level + '-error'">{{ message }}</mat-hint>
              }
            </mat-form-field>
            <button mat-button type="button" (click)="clear(level)" [disabled]="!form.controls[level].value">
              {{ (level === 'sl' ? 'protection.removeStopLoss' : 'protection.removeTakeProfit') | transloco }}
            </button>
          </div>
        }
        @if (problem(); as problem) {
          <p class="error" role="alert" data-testid="protection-problem">{{ problem }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        @if (hasLevels) {
          <button mat-stroked-button type="button" (click)="removeBoth()" [disabled]="isSending()" data-testid="protection-remove">
            {{ 'protection.removeBoth' | transloco }}
          </button>
        }
        <button mat-flat-button type="submit" [disabled]="isSending()" data-testid="protection-save">{{ 'protection.save' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .level {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      margin-top: 12px;
    }
    .level mat-form-field {
      flex: 1;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PositionProtectionDialog {
  protected readonly data = inject<ProtectedPosition>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<PositionProtectionDialog, PositionProtection>);
  private readonly store = inject(TradingStore);
  private readonly api = inject(TradingApi);
  private readonly toasts = inject(Toasts);
  private readonly language = inject(Language);
  private readonly figures = inject(AssetFigures);
  protected readonly levels = LEVELS;
  protected readonly hasLevels = this.data.sl !== null || this.data.tp !== null;

  protected readonly form = inject(NonNullableFormBuilder).group({
    sl: [this.data.sl ? decimalText(this.data.sl, this.language.current()) : ''],
    tp: [this.data.tp ? decimalText(this.data.tp, this.language.current()) : ''],
  });
  private readonly input = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  /** The price read when the dialog opened, followed by the live ticker while the chart shows the same market. */
  private readonly openingLast = signal<string | null>(null);
  private readonly last = computed(() => {
    const ticker = this.store.ticker();
    return ticker?.symbol === this.data.market.symbol ? ticker.last : this.openingLast();
  });
  /** The quantity covered, as the positions table shows it. */
  protected readonly quantity = computed(() => this.figures.amount(this.data.qty, this.data.market.base));
  protected readonly lastText = computed(() => {
    const last = this.last();
    return last ? this.figures.price(last, this.data.market.symbol) : '—';
  });
  /** Refusals from the server, each shown until its field is edited; a refusal naming no field, until the next try. */
  private readonly serverErrors = signal<Partial<Record<Level, string>>>({});
  protected readonly problem = signal<string | null>(null);
  protected readonly isSending = signal(false);

  /** The levels as the API reads them (null: none), or the fields the console already knows are wrong. */
  private readonly check = computed(() => {
    this.input();
    this.language.current();
    const errors: Partial<Record<Level, string>> = {};
    const levels: Record<Level, string | null> = { sl: null, tp: null };
    for (const level of LEVELS) {
      const typed = decimalInput(this.form.controls[level].value, this.language.current());
      if (typed === '') continue;
      if (!DECIMAL_PATTERN.test(typed))
        errors[level] = this.language.t('errors.field.positiveNumber', { example: decimalText('93000', this.language.current()) });
      else levels[level] = typed;
    }
    const last = this.last();
    if (last) {
      const fields = checkProtectionLevels(this.data.market, money(last), {
        sl: levels.sl && !errors.sl ? money(levels.sl) : undefined,
        tp: levels.tp && !errors.tp ? money(levels.tp) : undefined,
      });
      for (const [field, message] of Object.entries(fields)) errors[field as Level] = fieldMessage(message, this.language);
    }
    return { levels, errors };
  });

  constructor() {
    void inject(MarketApi)
      .ticker(this.data.market.symbol)
      .then((ticker) => this.openingLast.set(ticker.last))
      .catch(() => undefined);
    for (const level of LEVELS) {
      this.form.controls[level].valueChanges.subscribe(() =>
        this.serverErrors.update((errors) => Object.fromEntries(Object.entries(errors).filter(([name]) => name !== level))),
      );
    }
  }

  protected errorOf(level: Level): string | undefined {
    return this.serverErrors()[level] ?? (this.form.controls[level].touched ? this.check().errors[level] : undefined);
  }

  protected clear(level: Level): void {
    this.form.controls[level].setValue('');
    this.form.controls[level].markAsTouched();
  }

  protected save(): Promise<void> {
    this.form.markAllAsTouched();
    if (Object.keys(this.check().errors).length > 0) return Promise.resolve();
    return this.send(this.check().levels);
  }

  protected removeBoth(): Promise<void> {
    return this.send({ sl: null, tp: null });
  }

  private async send(levels: Record<Level, string | null>): Promise<void> {
    if (this.isSending()) return;
    this.isSending.set(true);
    this.problem.set(null);
    try {
      const protection = await this.api.protectPosition({ symbol: this.data.market.symbol, accountId: this.data.accountId, ...levels });
      // The answer may come before the legs' events: the open orders show them at once either way.
      for (const leg of protection.legs) this.store.applyOrder(leg);
      const isRemoved = protection.legs.length === 0;
      this.toasts.success(this.language.t(isRemoved ? 'protection.removed' : 'protection.saved', { symbol: protection.symbol }));
      this.dialogRef.close(protection);
    } catch (error) {
      const fields = fieldErrorsOf(error, this.language);
      this.serverErrors.set(Object.fromEntries(Object.entries(fields).filter(([field]) => (LEVELS as string[]).includes(field))));
      if (Object.keys(fields).every((field) => !(LEVELS as string[]).includes(field))) this.problem.set(describeHttpError(error, this.language));
    } finally {
      this.isSending.set(false);
    }
  }
}
