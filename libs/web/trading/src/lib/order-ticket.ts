import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { OrderSide, OrderType, PlaceOrderRequest } from '@lilux/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  AmountPipe,
  AssetFigures,
  decimalInput,
  decimalText,
  explainHttpError,
  fieldErrorsOf,
  Language,
  PricePipe,
  Toasts,
  TradingApi,
} from '@lilux/web/data-access';
import { placedNotice } from './order-notices';
import { checkTicket, confirmationOf, quantityForShare, TicketField, TicketInput } from './ticket-check';
import { lockDescriptions } from './order-locks';
import { TradingStore } from './trading-store';

const FIELDS: TicketField[] = ['qty', 'price', 'sl', 'tp'];

/**
 * Buy or sell, market or limit, with an optional stop-loss and take-profit. Shows what the order costs before
 * it is sent, asks for a confirmation, and puts the server's refusals next to the fields they name.
 */
@Component({
  selector: 'lx-order-ticket',
  imports: [
    AmountPipe,
    PricePipe,
    ReactiveFormsModule,
    TranslocoPipe,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  templateUrl: './order-ticket.html',
  styleUrl: './order-ticket.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrderTicket {
  protected readonly store = inject(TradingStore);
  private readonly api = inject(TradingApi);
  private readonly toasts = inject(Toasts);
  private readonly language = inject(Language);
  private readonly figures = inject(AssetFigures);
  private readonly injector = inject(Injector);
  private readonly confirmButton = viewChild('confirmButton', { read: ElementRef<HTMLButtonElement> });
  private readonly reviewButton = viewChild('reviewButton', { read: ElementRef<HTMLButtonElement> });
  private readonly quantityInput = viewChild('quantityInput', { read: ElementRef<HTMLInputElement> });

  protected readonly form = inject(NonNullableFormBuilder).group({
    side: ['buy' as OrderSide],
    type: ['market' as OrderType],
    qty: [''],
    price: [''],
    sl: [''],
    tp: [''],
  });
  protected readonly shares = [25, 50, 75, 100];
  private readonly input = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  /** Refusals from the server, shown until the trader edits the field. */
  private readonly serverErrors = signal<Partial<Record<TicketField, string>>>({});
  protected readonly isConfirming = signal(false);
  protected readonly isSending = signal(false);

  protected readonly check = computed(() => {
    this.input();
    this.language.current();
    const market = this.store.market();
    if (!market) return null;
    const account = this.store.account();
    return checkTicket(
      this.form.getRawValue() as TicketInput,
      {
        market,
        last: this.store.ticker()?.last ?? null,
        freeBase: this.store.hasKnownBalances() ? this.store.freeBalance(market.base) : null,
        freeQuote: this.store.hasKnownBalances() ? this.store.freeBalance(market.quote) : null,
        fees: account?.fees ?? { maker: '0', taker: '0' },
      },
      this.language,
    );
  });
  /** What holds the market's locked coins, so that "0 free" comes with its reason. */
  protected readonly locks = computed(() => {
    const market = this.store.market();
    if (!market) return [];
    return [market.base, market.quote]
      .map((asset) => ({ asset, descriptions: lockDescriptions(asset, this.store.openOrders(), this.language, (value, of) => this.figures.amount(value, of)) }))
      .filter((lock) => lock.descriptions.length > 0);
  });
  protected readonly confirmation = computed(() => {
    const order = this.check()?.order;
    const market = this.store.market();
    if (!order || !market) return '';
    const { side, type } = this.form.getRawValue();
    return confirmationOf(side, type, order, market.base, this.language);
  });

  protected readonly errors = computed(() => ({ ...(this.check()?.errors ?? {}), ...this.serverErrors() }));

  constructor() {
    for (const field of FIELDS) {
      this.form.controls[field].valueChanges.subscribe(() =>
        this.serverErrors.update((errors) => Object.fromEntries(Object.entries(errors).filter(([name]) => name !== field))),
      );
    }
    this.store.ticketRequests.pipe(takeUntilDestroyed()).subscribe((side) => {
      this.form.controls.side.setValue(side);
      this.isConfirming.set(false);
      this.focusAfterRender(this.quantityInput);
    });
  }

  /** A decimal as the trader reads it: `0,5` in French. */
  protected errorOf(field: TicketField): string | undefined {
    const control: AbstractControl = this.form.controls[field];
    return control.touched || this.serverErrors()[field] ? this.errors()[field] : undefined;
  }

  protected useShare(percent: number): void {
    const market = this.store.market();
    const account = this.store.account();
    if (!market || !account) return;
    const { side, type, price } = this.form.getRawValue();
    const limit = decimalInput(price, this.language.current());
    const at = type === 'limit' && limit ? limit : (this.store.ticker()?.last ?? null);
    const isKnown = this.store.hasKnownBalances();
    const context = {
      market,
      last: at,
      freeBase: isKnown ? this.store.freeBalance(market.base) : null,
      freeQuote: isKnown ? this.store.freeBalance(market.quote) : null,
      fees: account.fees,
    };
    this.form.controls.qty.setValue(decimalText(quantityForShare(percent, side, at, context), this.language.current()));
    this.form.controls.qty.markAsTouched();
  }

  protected review(): void {
    this.form.markAllAsTouched();
    if (Object.keys(this.errors()).length === 0 && this.check()?.estimate) {
      this.isConfirming.set(true);
      this.focusAfterRender(this.confirmButton);
    }
  }

  protected back(): void {
    this.isConfirming.set(false);
    this.focusAfterRender(this.reviewButton);
  }

  /** The button that replaces the one just pressed takes the focus, so a keyboard user is not sent back to the page's top. */
  private focusAfterRender(element: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => element()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async send(): Promise<void> {
    const market = this.store.market();
    if (!market || this.isSending()) return;
    const rounded = this.check()?.order;
    if (!rounded) return;
    const { side, type } = this.form.getRawValue();
    // The figures the confirmation showed, at the market's steps, not the ones typed.
    const order: PlaceOrderRequest = {
      symbol: market.symbol,
      side,
      type,
      qty: rounded.qty,
      clientOrderId: crypto.randomUUID(),
      accountId: this.store.account()?.id,
    };
    if (type === 'limit' && rounded.price) order.price = rounded.price;
    if (rounded.sl) order.sl = rounded.sl;
    if (rounded.tp) order.tp = rounded.tp;
    this.isSending.set(true);
    try {
      const placed = await this.api.placeOrder(order);
      await this.figures.ready();
      const notice = placedNotice(placed, this.language, this.figures);
      if (notice.isError) this.toasts.error(notice.text);
      else this.toasts.success(notice.text);
      this.form.patchValue({ qty: '', price: '', sl: '', tp: '' });
      this.form.markAsUntouched();
      this.store.applyOrder(placed);
    } catch (error) {
      const fields = fieldErrorsOf(error, this.language);
      this.serverErrors.set(Object.fromEntries(Object.entries(fields).filter(([field]) => (FIELDS as string[]).includes(field))));
      const unplaced = Object.keys(fields).filter((field) => !(FIELDS as string[]).includes(field));
      if (unplaced.length > 0) this.toasts.explained(explainHttpError(error, this.language));
    } finally {
      this.isSending.set(false);
      this.isConfirming.set(false);
      this.focusAfterRender(this.reviewButton);
    }
  }
}
