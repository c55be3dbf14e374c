import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LIVE_PROTOCOL, LIVE_TOKEN_PROTOCOL_PREFIX } from '@lilux/contracts';
import { AuthenticatedUser, TokenService } from '@lilux/api/auth';
import { MarketService } from '@lilux/api/market';
import { ClusterBus, USER_EVENT, UserEvent } from '@lilux/api/shared';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { LiveConnection } from './live-connection';

export const LIVE_PATH = '/ws';
const HEARTBEAT_MS = 30_000;
/** Client messages are small subscription requests. */
const MAX_CLIENT_FRAME_BYTES = 4096;
/** Close codes in the application range (4000–4999) so a client can tell why it was dropped. */
export const CLOSE_TOKEN_EXPIRED = 4001;

/**
 * The `/ws` endpoint: live candles and tickers for what a client subscribes to, and the events of the signed-in
 * user's orders. The JWT is checked during the HTTP upgrade, so an unauthenticated client never gets a socket.
 * Browsers cannot set headers on a WebSocket, so the token may come as the sub-protocol `bearer.<jwt>` next to
 * `lilux.v1` (the one the server picks, so the token is never echoed back).
 */
@Injectable()
export class LiveGateway implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);
  private readonly sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(LIVE_PROTOCOL) ? LIVE_PROTOCOL : false),
  });
  private readonly connectionsByUser = new Map<string, Set<LiveConnection>>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: TokenService,
    private readonly market: MarketService,
    private readonly bus: ClusterBus,
  ) {}

  async onModuleInit(): Promise<void> {
    // Every instance forwards every user event to the sockets it holds: an order placed on one instance and
    // filled by another reaches the browser connected to a third.
    await this.bus.subscribe(USER_EVENT, (message) => this.publishToUser(message as UserEvent));
  }

  onApplicationBootstrap(): void {
    // Command-line tools (key rotation) run the application without an HTTP server.
    if (!this.adapterHost.httpAdapter) return;
    const server: Server = this.adapterHost.httpAdapter.getHttpServer();
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(request, socket, head));
    this.heartbeat = setInterval(() => this.checkHeartbeats(), HEARTBEAT_MS).unref();
  }

  /** Before the HTTP server closes: it waits for every connection to end, upgraded sockets included. */
  beforeApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const client of this.sockets.clients) client.close(1001, 'server shutting down');
    this.sockets.close();
  }

  /** Open sockets, for the status of the process and for tests. */
  get connectionCount(): number {
    return this.sockets.clients.size;
  }

  publishToUser({ userId, event, data }: UserEvent): void {
    for (const connection of this.connectionsByUser.get(userId) ?? []) connection.send({ type: 'user', event, data });
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== LIVE_PATH) return refuse(socket, 404, 'Not Found');
    const token = tokenOf(request);
    if (!token) return refuse(socket, 401, 'Unauthorized');
    let user: AuthenticatedUser;
    try {
      user = await this.tokens.verify(token);
    } catch {
      return refuse(socket, 401, 'Unauthorized');
    }
    this.sockets.handleUpgrade(request, socket, head, (webSocket) => this.accept(webSocket, user));
  }

  private accept(socket: WebSocket, user: AuthenticatedUser): void {
    const connection = new LiveConnection(socket, user, this.market);
    const userConnections = this.connectionsByUser.get(user.id) ?? new Set<LiveConnection>();
    userConnections.add(connection);
    this.connectionsByUser.set(user.id, userConnections);

    const expiry = setTimeout(() => socket.close(CLOSE_TOKEN_EXPIRED, 'token expired'), remainingMs(user.tokenExpiresAt));
    expiry.unref();
    socket.on('pong', () => (connection.alive = true));
    // A protocol violation by the client (an oversized or malformed frame): ws closes the socket with the right
    // code itself; unhandled, the error event would bring the whole process down.
    socket.on('error', (error) => this.logger.warn(`live socket of ${user.username} closed: ${error.message}`));
    socket.on('message', (frame, isBinary) => {
      if (isBinary) return connection.send({ type: 'error', message: 'messages must be text (JSON)' });
      connection.receive(frame.toString()).catch((error: unknown) => {
        this.logger.error({ err: error }, 'live message failed');
        connection.send({ type: 'error', message: 'the message could not be handled' });
      });
    });
    socket.on('close', () => {
      clearTimeout(expiry);
      connection.close();
      userConnections.delete(connection);
      if (userConnections.size === 0) this.connectionsByUser.delete(user.id);
    });
  }

  /** Drops sockets whose peer stopped answering pings (a laptop lid closed, a network gone). */
  private checkHeartbeats(): void {
    for (const connections of this.connectionsByUser.values()) {
      for (const connection of connections) {
        if (!connection.alive) {
          connection.socket.terminate();
          continue;
        }
        connection.alive = false;
        connection.socket.ping();
      }
    }
  }
}

function tokenOf(request: IncomingMessage): string | undefined {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((protocol) => protocol.trim());
  const fromProtocol = offered.find((protocol) => protocol.startsWith(LIVE_TOKEN_PROTOCOL_PREFIX));
  if (fromProtocol) return fromProtocol.slice(LIVE_TOKEN_PROTOCOL_PREFIX.length) || undefined;
  const [scheme, credentials] = (request.headers.authorization ?? '').split(' ');
  return scheme === 'Bearer' && credentials ? credentials : undefined;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** setTimeout holds at most 2^31-1 ms (24.8 days); a socket of a longer-lived token is closed then and reconnects. */
function remainingMs(expiresAt: Date): number {
  return Math.min(2 ** 31 - 1, Math.max(0, expiresAt.getTime() - Date.now()));
}
