import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  Account,
  AccountWithBalances,
  AddExchangeAccountRequest,
  ExchangeAccountCheck,
  EquityHistory,
  EquityRange,
  ListQuery,
  Order,
  OrderPage,
  OrderStatus,
  PlaceOrderRequest,
  Portfolio,
  PositionProtection,
  PositionProtectionRequest,
  TradePage,
  TradingCapabilities,
  TwoFactorProof,
} from '@lilux/contracts';
import { firstValueFrom } from 'rxjs';
import { FAILURES_SHOWN_BY_PAGE, SHOWN_NEXT_TO_FIELDS } from './api-errors';

/** One page of a list: the first one, or the one after a page whose `nextCursor` is given (see ListPage). */
export interface PageRequest {
  limit: number;
  cursor?: string;
  symbol?: string;
  /** 'false' where no pager shows the count: counting reads every matching row of the history. */
  total?: ListQuery['total'];
}

/** Accounts, orders, trades and the portfolio of the signed-in user. */
@Injectable({ providedIn: 'root' })
export class TradingApi {
  private readonly http = inject(HttpClient);

  accounts(): Promise<AccountWithBalances[]> {
    return firstValueFrom(this.http.get<AccountWithBalances[]>('/api/accounts'));
  }

  resetPaperAccount(): Promise<Account> {
    return firstValueFrom(this.http.post<Account>('/api/accounts/paper/reset', {}));
  }

  /** Refusals that name a field (a wrong password, a malformed key) come back to the form, not as a toast. */
  addExchangeAccount(request: AddExchangeAccountRequest): Promise<Account> {
    const context = new HttpContext().set(SHOWN_NEXT_TO_FIELDS, true);
    return firstValueFrom(this.http.post<Account>('/api/accounts', request, { context }));
  }

  /** The exchange's answer to the account's keys; its refusal is shown next to the account, not as a toast. */
  checkExchangeAccount(id: string): Promise<ExchangeAccountCheck> {
    const context = new HttpContext().set(FAILURES_SHOWN_BY_PAGE, true);
    return firstValueFrom(this.http.post<ExchangeAccountCheck>(`/api/accounts/${encodeURIComponent(id)}/check`, {}, { context }));
  }

  /** With the two-factor proof once the user has two-factor authentication (a step-up). */
  deleteExchangeAccount(id: string, proof: TwoFactorProof = {}): Promise<void> {
    const context = new HttpContext().set(SHOWN_NEXT_TO_FIELDS, true);
    return firstValueFrom(this.http.delete<void>(`/api/accounts/${encodeURIComponent(id)}`, { body: proof, context }));
  }

  capabilities(): Promise<TradingCapabilities> {
    return firstValueFrom(this.http.get<TradingCapabilities>('/api/exchanges'));
  }

  /** Refusals that name a field come back to the caller to show next to it, not as a toast. */
  placeOrder(order: PlaceOrderRequest): Promise<Order> {
    const context = new HttpContext().set(SHOWN_NEXT_TO_FIELDS, true);
    return firstValueFrom(this.http.post<Order>('/api/orders', order, { context }));
  }

  /** Attaches, changes or removes a position's stop-loss / take-profit; every refusal is shown in the dialog that asked. */
  protectPosition(protection: PositionProtectionRequest): Promise<PositionProtection> {
    const context = new HttpContext().set(FAILURES_SHOWN_BY_PAGE, true);
    return firstValueFrom(this.http.put<PositionProtection>('/api/positions/protection', protection, { context }));
  }

  orders(page: PageRequest & { status?: OrderStatus; accountId?: string }): Promise<OrderPage> {
    return firstValueFrom(this.http.get<OrderPage>('/api/orders', { params: paramsOf(page) }));
  }

  cancelOrder(id: string): Promise<Order> {
    return firstValueFrom(this.http.delete<Order>(`/api/orders/${encodeURIComponent(id)}`));
  }

  trades(page: PageRequest & { accountId?: string }): Promise<TradePage> {
    return firstValueFrom(this.http.get<TradePage>('/api/trades', { params: paramsOf(page) }));
  }

  /** Every trade as a CSV file; fetched, not linked, because the download needs the token. */
  tradesCsv(accountId?: string): Promise<Blob> {
    const params = paramsOf({ format: 'csv', accountId });
    return firstValueFrom(this.http.get('/api/trades', { params, responseType: 'blob' }));
  }

  portfolio(accountId?: string): Promise<Portfolio> {
    return firstValueFrom(this.http.get<Portfolio>('/api/portfolio', { params: paramsOf({ accountId }) }));
  }

  equityHistory(range: EquityRange, accountId?: string): Promise<EquityHistory> {
    return firstValueFrom(this.http.get<EquityHistory>('/api/portfolio/history', { params: paramsOf({ range, accountId }) }));
  }
}

function paramsOf(values: object): HttpParams {
  let params = new HttpParams();
  for (const [name, value] of Object.entries(values) as [string, string | number | undefined][]) {
    if (value !== undefined && value !== '') params = params.set(name, value);
  }
  return params;
}
