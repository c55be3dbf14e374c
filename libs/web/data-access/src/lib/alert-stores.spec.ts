/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { DestroyRef, Injector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideRouter } from '@angular/router';
import type { Notification, PriceAlert } from '@lilux/contracts';
import { AuthSession } from '@lilux/web/auth';
import { AddressInfo } from 'node:net';
import { WebSocket as ServerSocket, WebSocketServer } from 'ws';
import { AlertsStore } from './alerts-store';
import { errorInterceptor } from './api-errors';
import { Language, provideConsoleLanguage } from './language/language';
import { LIVE_URL, LiveFeed } from './live-feed';
import { NotificationsStore } from './notifications-store';

const alert: PriceAlert = {
  id: 'alert-1',
  symbol: 'BTC/USDT',
  condition: 'above',
  price: '98000',
  movePercent: null,
  windowMinutes: null,
  note: null,
  repeat: false,
  cooldownSeconds: 0,
  state: 'active',
  firedCount: 0,
  lastFiredAt: null,
  createdAt: '2026-11-26T10:00:00.000Z',
};

const fill: Notification = {
  id: 'n-1',
  topic: 'order_filled',
  title: 'Order filled: buy BTC/USDT',
  body: 'buy 0.01 of 0.01 BTC/USDT at 97000 (limit, filled).',
  data: { symbol: 'BTC/USDT', side: 'buy', qty: '0.01', filledQty: '0.01', price: '97000' },
  createdAt: '2026-11-26T10:01:00.000Z',
  readAt: null,
  deliveries: [{ channel: 'console', status: 'delivered', attempts: 1, lastError: null, deliveredAt: '2026-11-26T10:01:00.000Z' }],
};

/** A real WebSocket server in place of the API's /ws, sending the user's events; HTTP answered by Angular's test backend. */
describe('the alerts and notifications stores, patched from the live channel', () => {
  let server: WebSocketServer;
  let clients: ServerSocket[];
  let backend: HttpTestingController;

  const until = async (condition: () => boolean, timeoutMs = 3_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const sendToUser = (message: object) => clients.forEach((client) => client.send(JSON.stringify({ type: 'user', ...message })));
  const toast = () => document.querySelector('.mat-mdc-simple-snack-bar .mat-mdc-snack-bar-label')?.textContent?.trim() ?? null;
  /** A store as its page provides it: in an injector of its own, destroyed with it. */
  const create = <T>(type: new () => T): T => {
    const injector = Injector.create({ providers: [{ provide: type, useClass: type }], parent: TestBed.inject(Injector) });
    return runInInjectionContext(injector, () => injector.get(type));
  };

  beforeEach(async () => {
    clients = [];
    server = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: (offered) => (offered.has('lilux.v1') ? 'lilux.v1' : false) });
    server.on('connection', (socket) => clients.push(socket));
    await new Promise((resolve) => server.once('listening', resolve));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([errorInterceptor])),
        provideHttpClientTesting(),
        provideConsoleLanguage('en'),
        { provide: LIVE_URL, useValue: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws` },
      ],
    });
    await TestBed.inject(Language).load();
    TestBed.inject(AuthSession).store({ access_token: 'jwt-token', token_type: 'Bearer', expires_in: 3600 });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(async () => {
    TestBed.inject(LiveFeed).close();
    TestBed.inject(AuthSession).clear();
    for (const client of clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
    document.querySelectorAll('.cdk-overlay-container').forEach((container) => container.remove());
  });

  it('adds a notification from the live channel, counts it unread and toasts it once; its delivery update does neither again', async () => {
    const opened = jest.spyOn(TestBed.inject(MatSnackBar), 'open');
    const store = create(NotificationsStore);
    backend.expectOne((request) => request.url === '/api/notifications').flush({ notifications: [], unread: 0, nextCursor: null });
    backend
      .expectOne('/api/notifications/settings')
      .flush({ topics: [], console: { sound: false, browser: false }, webhook: null, telegram: null, email: null });
    await until(() => clients.length === 1 && store.settings() !== null);

    sendToUser({ event: 'notification', data: fill });
    await until(() => store.notifications().length === 1);
    expect(store.unread()).toBe(1);
    await until(() => toast() !== null);
    expect(toast()).toBe('Order filled: buy BTC/USDT — buy 0.01 of 0.01 BTC/USDT at 97000 (limit, filled).');

    const webhook = { channel: 'webhook' as const, status: 'delivered' as const, attempts: 1, lastError: null, deliveredAt: fill.createdAt };
    sendToUser({ event: 'notification', data: { ...fill, deliveries: [...fill.deliveries, webhook] } });
    await until(() => store.notifications()[0].deliveries.length === 2);
    expect(store.unread()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('lists but does not toast again an order event that a page showing the orders tells itself; a price alert still toasts', async () => {
    const opened = jest.spyOn(TestBed.inject(MatSnackBar), 'open');
    const store = create(NotificationsStore);
    backend.expectOne((request) => request.url === '/api/notifications').flush({ notifications: [], unread: 0, nextCursor: null });
    backend
      .expectOne('/api/notifications/settings')
      .flush({ topics: [], console: { sound: false, browser: false }, webhook: null, telegram: null, email: null });
    await until(() => clients.length === 1);
    const page = Injector.create({ providers: [], parent: TestBed.inject(Injector) }) as Injector & { destroy(): void };
    store.ordersToldBy(page.get(DestroyRef));

    sendToUser({ event: 'notification', data: fill });
    await until(() => store.notifications().length === 1);
    expect(opened).not.toHaveBeenCalled();
    const fired = {
      ...fill,
      id: 'n-2',
      topic: 'price_alert',
      title: 'BTC/USDT above 98000',
      body: 'BTC/USDT rose to 98001.',
      createdAt: '2026-11-26T10:02:00.000Z',
    };
    sendToUser({ event: 'notification', data: fired });
    await until(() => store.notifications().length === 2);
    expect(opened).toHaveBeenCalledTimes(1);

    // The page is gone: order events are toasted again.
    page.destroy();
    sendToUser({ event: 'notification', data: { ...fill, id: 'n-3', createdAt: '2026-11-26T10:03:00.000Z' } });
    await until(() => store.notifications().length === 3);
    expect(opened).toHaveBeenCalledTimes(2);
  });

  it('marks read at once and tells the server', async () => {
    const store = create(NotificationsStore);
    backend.expectOne((request) => request.url === '/api/notifications').flush({ notifications: [fill], unread: 1, nextCursor: null });
    backend
      .expectOne('/api/notifications/settings')
      .flush({ topics: [], console: { sound: false, browser: false }, webhook: null, telegram: null, email: null });
    await until(() => store.unread() === 1);
    const read = store.markRead('n-1');
    expect(store.unread()).toBe(0);
    backend.expectOne({ method: 'POST', url: '/api/notifications/n-1/read' }).flush(null, { status: 204, statusText: 'No Content' });
    await read;
    expect(store.notifications()[0].readAt).not.toBeNull();
  });

  it('patches an alert from the live channel when it fires, and ignores order events', async () => {
    const store = create(AlertsStore);
    backend.expectOne('/api/alerts').flush([alert]);
    await until(() => clients.length === 1 && store.alerts().length === 1);
    sendToUser({ event: 'order', data: { id: 'order-1' } });
    sendToUser({ event: 'alert', data: { ...alert, state: 'fired', firedCount: 1, lastFiredAt: '2026-11-26T10:02:00.000Z' } });
    await until(() => store.alerts()[0].state === 'fired');
    expect(store.alerts()).toHaveLength(1);
    expect(store.alerts()[0].firedCount).toBe(1);
  });

  it('moves an alert at once when its line is dropped, and puts it back when the server refuses', async () => {
    const store = create(AlertsStore);
    backend.expectOne('/api/alerts').flush([alert]);
    await until(() => store.alerts().length === 1);

    const accepted = store.move('alert-1', '99000.00');
    expect(store.alerts()[0].price).toBe('99000.00');
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/alerts/alert-1' });
    expect(patch.request.body).toEqual({ price: '99000.00' });
    patch.flush({ ...alert, price: '99000' });
    expect(await accepted).toBe(true);
    expect(store.alerts()[0].price).toBe('99000');

    const refused = store.move('alert-1', '-5');
    expect(store.alerts()[0].price).toBe('-5');
    backend
      .expectOne({ method: 'PATCH', url: '/api/alerts/alert-1' })
      .flush(
        { statusCode: 400, error: 'Bad Request', message: 'price: must be above zero', fields: { price: 'must be above zero' } },
        { status: 400, statusText: 'Bad Request' },
      );
    expect(await refused).toBe(false);
    expect(store.alerts()[0].price).toBe('99000');
  });
});
