import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { ALERT_CONDITIONS, type AlertCondition, type CreatePriceAlertRequest, type PriceAlert } from '@lilux/contracts';
import { money } from '@lilux/order-rules';
import { AlertsStore, decimalInput, describeHttpError, fieldErrorsOf, Language, Toasts } from '@lilux/web/data-access';
import { alertCondition } from './alert-words';
import { TradingStore } from './trading-store';

/** The form's fields, named as the API names them, so that its refusals land next to the right one. */
const FIELDS = ['symbol', 'condition', 'price', 'movePercent', 'windowMinutes', 'note', 'repeat', 'cooldownSeconds'] as const;
type AlertField = (typeof FIELDS)[number];
const DECIMAL = /^\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;

/**
 * The user's price alerts, each with its state and a pause / re-arm and a delete, and a form for a new one on the
 * chart's market. Alerts also come from the chart (right click or long press) and move with their lines there.
 */
@Component({
  selector: 'lx-alerts-panel',
  imports: [ReactiveFormsModule, TranslocoPipe, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  templateUrl: './alerts-panel.html',
  styleUrl: './alerts-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertsPanel {
  protected readonly store = inject(TradingStore);
  protected readonly alertsStore = inject(AlertsStore);
  private readonly toasts = inject(Toasts);
  protected readonly language = inject(Language);
  protected readonly conditions = ALERT_CONDITIONS;
  /** A viewer sees the alerts but cannot make, change or delete them (the API refuses). */
  readonly canEdit = input(true);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    condition: 'above' as AlertCondition,
    price: '',
    movePercent: '',
    windowMinutes: '15',
    note: '',
    repeat: false,
    cooldownMinutes: '5',
  });
  protected readonly errors = signal<Partial<Record<AlertField, string>>>({});
  protected readonly isSaving = signal(false);
  protected readonly busyId = signal<string | null>(null);
  /** This market's alerts first, then the others, each group newest first. */
  protected readonly alerts = computed(() => {
    const symbol = this.store.symbol();
    const alerts = this.alertsStore.alerts();
    return [...alerts.filter((alert) => alert.symbol === symbol), ...alerts.filter((alert) => alert.symbol !== symbol)];
  });

  protected condition(alert: PriceAlert): string {
    return alertCondition(alert, this.language);
  }

  protected isMove(): boolean {
    return this.form.controls.condition.value === 'moves';
  }

  protected async create(): Promise<void> {
    const request = this.request();
    if (!request) return;
    this.isSaving.set(true);
    try {
      const alert = await this.alertsStore.create(request);
      this.toasts.success(this.language.t('alerts.created', { condition: this.condition(alert) }));
      this.form.patchValue({ price: '', movePercent: '', note: '' });
      this.errors.set({});
    } catch (error) {
      const fields = fieldErrorsOf(error, this.language);
      this.errors.set(Object.fromEntries(Object.entries(fields).filter(([field]) => (FIELDS as readonly string[]).includes(field))));
      if (Object.keys(fields).some((field) => !(FIELDS as readonly string[]).includes(field))) this.toasts.error(describeHttpError(error, this.language));
    } finally {
      this.isSaving.set(false);
    }
  }

  protected async toggle(alert: PriceAlert): Promise<void> {
    await this.busyWith(alert.id, () => this.alertsStore.setState(alert.id, alert.state === 'active' ? 'paused' : 'active'));
  }

  protected async remove(alert: PriceAlert): Promise<void> {
    await this.busyWith(alert.id, () => this.alertsStore.remove(alert.id));
  }

  private async busyWith(id: string, action: () => Promise<void>): Promise<void> {
    this.busyId.set(id);
    try {
      await action();
    } catch {
      // The refusal is a toast already (the error interceptor); the alert stays as the server has it.
    } finally {
      this.busyId.set(null);
    }
  }

  /** The request the form describes, or null with the console's own objections next to the fields. */
  private request(): CreatePriceAlertRequest | null {
    const value = this.form.getRawValue();
    const lang = this.language.current();
    const errors: Partial<Record<AlertField, string>> = {};
    const request: CreatePriceAlertRequest = { symbol: this.store.symbol(), condition: value.condition, repeat: value.repeat };
    if (value.condition === 'moves') {
      const percent = decimalInput(value.movePercent, lang);
      if (!DECIMAL.test(percent) || money(percent).isZero()) errors.movePercent = this.language.t('alerts.positiveNumber');
      else request.movePercent = percent;
      const minutes = value.windowMinutes.trim();
      if (!WHOLE.test(minutes) || Number(minutes) < 1) errors.windowMinutes = this.language.t('alerts.wholeMinutes');
      else request.windowMinutes = Number(minutes);
    } else {
      const price = decimalInput(value.price, lang);
      if (!DECIMAL.test(price) || money(price).isZero()) errors.price = this.language.t('alerts.positiveNumber');
      else request.price = price;
    }
    if (value.note.trim()) request.note = value.note.trim();
    if (value.repeat) {
      const cooldown = value.cooldownMinutes.trim();
      if (!WHOLE.test(cooldown)) errors.cooldownSeconds = this.language.t('alerts.wholeMinutes');
      else request.cooldownSeconds = Number(cooldown) * 60;
    }
    this.errors.set(errors);
    return Object.keys(errors).length > 0 ? null : request;
  }
}
