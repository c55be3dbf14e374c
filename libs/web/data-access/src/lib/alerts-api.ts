import { HttpClient, HttpContext } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreatePriceAlertRequest, PriceAlert, UpdatePriceAlertRequest } from '@lilux/contracts';
import { firstValueFrom } from 'rxjs';
import { SHOWN_NEXT_TO_FIELDS } from './api-errors';

/** The signed-in user's price alerts. */
@Injectable({ providedIn: 'root' })
export class AlertsApi {
  private readonly http = inject(HttpClient);

  list(): Promise<PriceAlert[]> {
    return firstValueFrom(this.http.get<PriceAlert[]>('/api/alerts'));
  }

  /** Refusals that name a field (an unknown symbol, a level that is not positive) come back to the form, not as a toast. */
  create(request: CreatePriceAlertRequest): Promise<PriceAlert> {
    const context = new HttpContext().set(SHOWN_NEXT_TO_FIELDS, true);
    return firstValueFrom(this.http.post<PriceAlert>('/api/alerts', request, { context }));
  }

  update(id: string, change: UpdatePriceAlertRequest): Promise<PriceAlert> {
    return firstValueFrom(this.http.patch<PriceAlert>(`/api/alerts/${encodeURIComponent(id)}`, change));
  }

  remove(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/alerts/${encodeURIComponent(id)}`));
  }
}
