import { HttpClient, HttpContext, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  Account,
  AccountWithBalances,
  EquityHistory,
  EquityRange,
  Order,
  OrderPage,
  OrderStatus,
  PlaceOrderRequest,
  Portfolio,
  TradePage,
} from '@lilux/contracts';
import { firstValueFrom } from 'rxjs';
import { SHOWN_NEXT_TO_FIELDS } from './api-errors';

export interface PageRequest {
  limit: number;
  offset: number;
  symbol?: string;
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

  /** Refusals that name a field come back to the caller to show next to it, not as a toast. */
  placeOrder(order: PlaceOrderRequest): Promise<Order> {
    const context = new HttpContext().set(SHOWN_NEXT_TO_FIELDS, true);
    return firstValueFrom(this.http.post<Order>('/api/orders', order, { context }));
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

  /** The CSV as a file; fetched, not linked, because the download needs the token. */
  tradesCsv(accountId?: string): Promise<Blob> {
    const params = paramsOf({ format: 'csv', limit: 500, offset: 0, accountId });
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
