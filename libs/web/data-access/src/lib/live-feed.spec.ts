/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { TestBed } from '@angular/core/testing';
import type { Candle, LiveClientMessage } from '@lilux/contracts';
import { AuthSession } from '@lilux/web/auth';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { provideRouter, Router } from '@angular/router';
import { AddressInfo } from 'node:net';
import { WebSocket as ServerSocket, WebSocketServer } from 'ws';
import { LIVE_URL, LiveFeed } from './live-feed';

/** A real WebSocket server standing in for the API's /ws: it records what the console sends. */
describe('LiveFeed', () => {
  let server: WebSocketServer;
  let received: LiveClientMessage[];
  let protocols: string[];
  let clients: ServerSocket[];
  let feed: LiveFeed;

  const until = async (condition: () => boolean, timeoutMs = 3_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const candle = (time: number): Candle => [time, 1, 2, 0.5, 1.5, 10];

  beforeEach(async () => {
    received = [];
    protocols = [];
    clients = [];
    server = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: (offered) => (offered.has('lilux.v1') ? 'lilux.v1' : false) });
    server.on('connection', (socket, request) => {
      clients.push(socket);
      protocols = String(request.headers['sec-websocket-protocol']).split(/,\s*/);
      socket.on('message', (data) => received.push(JSON.parse(String(data))));
    });
    await new Promise((resolve) => server.once('listening', resolve));
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: LIVE_URL, useValue: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws` },
      ],
    });
    TestBed.inject(AuthSession).store({ access_token: 'jwt-token', token_type: 'Bearer', expires_in: 3600 });
    feed = TestBed.inject(LiveFeed);
  });

  afterEach(async () => {
    feed.close();
    TestBed.inject(AuthSession).clear();
    for (const client of clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  it('offers the token as a sub-protocol and subscribes once for two watchers of one series', async () => {
    const first = feed.candles('BTC/USDT', '1m').subscribe();
    const second = feed.candles('BTC/USDT', '1m').subscribe();
    await until(() => received.length > 0 && feed.state() === 'live');
    expect(protocols).toEqual(['lilux.v1', 'bearer.jwt-token']);

    first.unsubscribe();
    second.unsubscribe();
    await until(() => received.length === 2);
    expect(received).toEqual([
      { type: 'subscribe', channel: 'candles', symbol: 'BTC/USDT', timeframe: '1m' },
      { type: 'unsubscribe', channel: 'candles', symbol: 'BTC/USDT', timeframe: '1m' },
    ]);
  });

  it('delivers the candles of the watched series only', async () => {
    const candles: Candle[] = [];
    const watching = feed.candles('ETH/USDT', '5m').subscribe((value) => candles.push(value));
    await until(() => received.length === 1);
    const [client] = clients;
    client.send(JSON.stringify({ type: 'candle', symbol: 'ETH/USDT', timeframe: '1m', candle: candle(1) }));
    client.send(JSON.stringify({ type: 'candle', symbol: 'BTC/USDT', timeframe: '5m', candle: candle(2) }));
    client.send('not json');
    client.send(JSON.stringify({ type: 'candle', symbol: 'ETH/USDT', timeframe: '5m', candle: candle(3) }));
    await until(() => candles.length === 1);
    expect(candles).toEqual([candle(3)]);
    watching.unsubscribe();
  });

  it("hands the user's order and trade events to userEvents, not the alert and notification events on the same socket", async () => {
    const events: unknown[] = [];
    const watching = feed.userEvents.subscribe((event) => events.push(event));
    await until(() => clients.length === 1 && feed.state() === 'live');
    const [client] = clients;
    client.send(JSON.stringify({ type: 'user', event: 'notification', data: { id: 'n1', topic: 'price_alert' } }));
    client.send(JSON.stringify({ type: 'user', event: 'alert', data: { id: 'a1', state: 'fired' } }));
    client.send(JSON.stringify({ type: 'user', event: 'trade', data: { id: 't1' } }));
    await until(() => events.length === 1);
    expect(events).toEqual([{ type: 'user', event: 'trade', data: { id: 't1' } }]);
    watching.unsubscribe();
  });

  it('reconnects after the server drops it and subscribes again', async () => {
    const watching = feed.ticker('SOL/USDT').subscribe();
    await until(() => received.length === 1);
    clients[0].terminate();
    await until(() => feed.state() === 'offline');
    await until(() => received.length === 2, 5_000);
    expect(received[1]).toEqual({ type: 'subscribe', channel: 'ticker', symbol: 'SOL/USDT' });
    expect(clients).toHaveLength(2);
    watching.unsubscribe();
  });

  it('reopens the socket with the renewed token, and subscribes again on it', async () => {
    const watching = feed.ticker('SOL/USDT').subscribe();
    await until(() => received.length === 1 && feed.state() === 'live');
    TestBed.inject(AuthSession).store({ access_token: 'renewed-token', token_type: 'Bearer', expires_in: 900 });
    await until(() => clients.length === 2 && received.length === 2);
    expect(protocols).toEqual(['lilux.v1', 'bearer.renewed-token']);
    expect(received[1]).toEqual({ type: 'subscribe', channel: 'ticker', symbol: 'SOL/USDT' });
    await until(() => clients[0].readyState === clients[0].CLOSED);
    watching.unsubscribe();
  });

  it("asks for a new token when the server refuses the socket's token (4001), then reconnects with it", async () => {
    const backend = TestBed.inject(HttpTestingController);
    const watching = feed.ticker('SOL/USDT').subscribe();
    await until(() => received.length === 1);
    clients[0].close(4001, 'token expired');
    let refreshes: TestRequest[] = [];
    await until(() => (refreshes = backend.match('/api/auth/refresh')).length > 0);
    expect(refreshes).toHaveLength(1);
    refreshes[0].flush({ access_token: 'next-token', token_type: 'Bearer', expires_in: 900 });
    await until(() => clients.length === 2 && received.length === 2);
    expect(protocols).toEqual(['lilux.v1', 'bearer.next-token']);
    watching.unsubscribe();
  });

  it('sends the user to login when the session behind a refused socket is over', async () => {
    const backend = TestBed.inject(HttpTestingController);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const watching = feed.ticker('SOL/USDT').subscribe();
    await until(() => received.length === 1);
    clients[0].close(4001, 'session ended');
    let refreshes: TestRequest[] = [];
    await until(() => (refreshes = backend.match('/api/auth/refresh')).length > 0);
    refreshes[0].flush({ statusCode: 401 }, { status: 401, statusText: 'Unauthorized' });
    await until(() => navigate.mock.calls.length > 0);
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/' } });
    expect(TestBed.inject(AuthSession).isAuthenticated()).toBe(false);
    expect(clients).toHaveLength(1);
    watching.unsubscribe();
  });
});
