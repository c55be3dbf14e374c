import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SHOWN_NEXT_TO_FIELDS } from './api-errors';
import { TradingApi } from './trading-api';

describe('TradingApi', () => {
  let api: TradingApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(TradingApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('sends only the filters that are set', () => {
    void api.orders({ status: 'open', limit: 25, offset: 50, symbol: undefined });
    const request = backend.expectOne((candidate) => candidate.url === '/api/orders');
    expect(request.request.params.keys().sort()).toEqual(['limit', 'offset', 'status']);
    expect(request.request.urlWithParams).toBe('/api/orders?status=open&limit=25&offset=50');
    request.flush({ orders: [], total: 0, limit: 25, offset: 50 });
  });

  it('places an order whose refusals the ticket shows next to its fields', () => {
    void api.placeOrder({ symbol: 'BTC/USDT', side: 'buy', qty: '0.1', clientOrderId: 'ticket-1' });
    const request = backend.expectOne('/api/orders');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ symbol: 'BTC/USDT', side: 'buy', qty: '0.1', clientOrderId: 'ticket-1' });
    expect(request.request.context.get(SHOWN_NEXT_TO_FIELDS)).toBe(true);
    request.flush({});
  });

  it('fetches the trades CSV as a file rather than linking to it', async () => {
    const download = api.tradesCsv();
    const request = backend.expectOne((candidate) => candidate.url === '/api/trades');
    expect(request.request.params.get('format')).toBe('csv');
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['time,symbol\n'], { type: 'text/csv' }));
    const file = await download;
    expect([file.type, file.size]).toEqual(['text/csv', 12]);
  });
});
