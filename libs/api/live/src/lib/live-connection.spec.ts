import { CandleCache, ColdCandleBudget, MarketService, SimulatedMarketData } from '@lilux/api/market';
import { ManualClock } from '@lilux/api/shared';
import { SimulatedMarket } from '@lilux/api/simulated-market';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { LiveConnection } from './live-connection';
import { LiveFrames } from './live-frames';

const NOW = Date.UTC(2026, 10, 24, 12, 30, 15);
const SOCKETS = 3;

describe('LiveConnection', () => {
  let server: WebSocketServer;
  let clients: WebSocket[];
  let connections: LiveConnection[];

  beforeEach(async () => {
    const clock = new ManualClock(NOW);
    const source = new SimulatedMarketData(new SimulatedMarket(3));
    const market = new MarketService(
      { source, status: { source: source.name, mode: source.name, since: new Date(NOW).toISOString() } },
      new CandleCache(8 * 1024 * 1024),
      new ColdCandleBudget(clock),
      clock,
    );
    const frames = new LiveFrames(market);
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(server, 'listening');
    const accepted = once(server, 'connection');
    const sockets: WebSocket[] = [];
    server.on('connection', (socket: WebSocket) => sockets.push(socket));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    clients = await Promise.all(Array.from({ length: SOCKETS }, () => new WebSocket(url)).map(async (client) => (await once(client, 'open'), client)));
    await accepted;
    while (sockets.length < SOCKETS) await once(server, 'connection');
    const user = { id: 'u1', username: 'trader', role: 'trader', sessionId: 's1', tokenId: 't1', tokenExpiresAt: new Date(NOW + 60_000) } as const;
    connections = sockets.map((socket) => new LiveConnection(socket, user, 'token', market, frames));
  });

  afterEach(async () => {
    connections.forEach((connection) => connection.close());
    clients.forEach((client) => client.terminate());
    server.close();
  });

  it('serializes a candle once for every socket that follows its series and sends them the same bytes', async () => {
    const stringify = jest.spyOn(JSON, 'stringify');
    const sent = connections.map((connection) => jest.spyOn(connection.socket, 'send'));
    const received = clients.map((client) => waitForMessage(client, 'candle'));
    const subscribe = JSON.stringify({ type: 'subscribe', channel: 'candles', symbol: 'BTC/USDT', timeframe: '1m' });
    await Promise.all(connections.map((connection) => connection.receive(subscribe)));
    const candles = await Promise.all(received);

    expect(new Set(candles).size).toBe(1);
    expect(JSON.parse(candles[0])).toMatchObject({ type: 'candle', symbol: 'BTC/USDT', timeframe: '1m' });
    const candleSerializations = stringify.mock.calls.filter(([value]) => (value as { type?: string })?.type === 'candle');
    expect(candleSerializations).toHaveLength(1);
    const framesSent = sent.map((send) => send.mock.calls.map(([data]) => data).find((data) => String(data).includes('"candle"')));
    expect(framesSent.every((frame) => frame === framesSent[0])).toBe(true);
    stringify.mockRestore();
  });
});

function waitForMessage(client: WebSocket, type: string): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const text = data.toString();
      if ((JSON.parse(text) as { type: string }).type !== type) return;
      client.off('message', onMessage);
      resolve(text);
    };
    client.on('message', onMessage);
  });
}
