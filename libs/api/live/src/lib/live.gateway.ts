import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import { ThrottlerStorage } from '@nestjs/throttler';
import { LIVE_PROTOCOL, LIVE_TOKEN_PROTOCOL_PREFIX } from '@lilux/contracts';
import { AuthenticatedUser, TokenService } from '@lilux/api/auth';
import { MarketService } from '@lilux/api/market';
import { ClusterBus, Environment, USER_EVENT, UserEvent } from '@lilux/api/shared';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Subscription } from 'rxjs';
import { WebSocket, WebSocketServer } from 'ws';
import { LiveConnection } from './live-connection';
import { LiveFrames } from './live-frames';
import { UpgradeRateLimit } from './upgrade-rate-limit';

export const LIVE_PATH = '/ws';
const HEARTBEAT_MS = 30_000;
/** Client messages are small subscription requests. */
const MAX_CLIENT_FRAME_BYTES = 4096;
/** A user at the socket cap may try again once a socket whose peer vanished has missed two heartbeats. */
const SOCKET_CAP_RETRY_AFTER_SECONDS = (2 * HEARTBEAT_MS) / 1000;
/** Closed when the token of a socket can no longer be checked (the database is away): it may come back. */
const CLOSE_INTERNAL_ERROR = 1011;

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
  private readonly upgradeRateLimit: UpgradeRateLimit;
  private readonly maxSocketsPerUser: number;
  /** Emissions of {@link TokenService.accessChanged$} so far: an upgrade checked before the last one checks again. */
  private accessChanges = 0;
  private accessChangesSubscription?: Subscription;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: TokenService,
    private readonly market: MarketService,
    private readonly frames: LiveFrames,
    private readonly bus: ClusterBus,
    @Inject(ThrottlerStorage) throttlerStorage: ThrottlerStorage,
    config: ConfigService<Environment, true>,
  ) {
    this.upgradeRateLimit = new UpgradeRateLimit(
      throttlerStorage,
      config.get('WS_RATE_LIMIT_PER_MINUTE', { infer: true }),
      config.get('TRUST_PROXY', { infer: true }),
    );
    this.maxSocketsPerUser = config.get('WS_MAX_SOCKETS_PER_USER', { infer: true });
  }

  async onModuleInit(): Promise<void> {
    // Every instance forwards every user event to the sockets it holds: an order placed on one instance and
    // filled by another reaches the browser connected to a third.
    await this.bus.subscribe(USER_EVENT, (message) => this.publishToUser(message as UserEvent));
    // A logout or a password change through any instance: this one's sockets of that user ask again.
    this.accessChangesSubscription = this.tokens.accessChanged$.subscribe((userId) => this.recheckSocketsOf(userId));
  }

  onApplicationBootstrap(): void {
    // Command-line tools (key rotation) run the application without an HTTP server.
    if (!this.adapterHost.httpAdapter) return;
    const server: Server = this.adapterHost.httpAdapter.getHttpServer();
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(request, socket, head).catch((error: unknown) => {
        // The shared rate-limit count (Redis) did not answer: no upgrade goes uncounted.
        this.logger.error({ err: error }, 'live upgrade failed');
        refuse(socket, 503, 'Service Unavailable');
      }),
    );
    this.heartbeat = setInterval(() => this.checkHeartbeats(), HEARTBEAT_MS).unref();
  }

  /** Before the HTTP server closes: it waits for every connection to end, upgraded sockets included. */
  beforeApplicationShutdown(): void {
    this.accessChangesSubscription?.unsubscribe();
    clearInterval(this.heartbeat);
    for (const client of this.sockets.clients) client.close(1001, 'server shutting down');
    this.sockets.close();
  }

  /** Open sockets, for the status of the process and for tests. */
  get connectionCount(): number {
    return this.sockets.clients.size;
  }

  publishToUser({ userId, ...event }: UserEvent): void {
    for (const connection of this.connectionsByUser.get(userId) ?? []) connection.send({ type: 'user', ...event });
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== LIVE_PATH) return refuse(socket, 404, 'Not Found');
    // Counted before the token is looked at, so that a flood of upgrades costs no token checks.
    const secondsToWait = await this.upgradeRateLimit.secondsToWait(request);
    if (secondsToWait > 0) return refuse(socket, 429, 'Too Many Requests', secondsToWait);
    const token = tokenOf(request);
    if (!token) return refuse(socket, 401, 'Unauthorized');
    const accessChangesBefore = this.accessChanges;
    let user: AuthenticatedUser;
    try {
      user = await this.tokens.verify(token);
    } catch {
      return refuse(socket, 401, 'Unauthorized');
    }
    // Counted and taken with no await in between (ws accepts synchronously), so that a burst cannot outrun it.
    if ((this.connectionsByUser.get(user.id)?.size ?? 0) >= this.maxSocketsPerUser) {
      return refuse(socket, 429, 'Too Many Requests', SOCKET_CAP_RETRY_AFTER_SECONDS);
    }
    this.sockets.handleUpgrade(request, socket, head, (webSocket) => {
      const connection = this.accept(webSocket, user, token);
      // A logout or password change heard while the token was checked may have found no socket to close yet.
      if (this.accessChanges !== accessChangesBefore) void this.recheck(connection);
    });
  }

  private accept(socket: WebSocket, user: AuthenticatedUser, token: string): LiveConnection {
    const connection = new LiveConnection(socket, user, token, this.market, this.frames);
    const userConnections = this.connectionsByUser.get(user.id) ?? new Set<LiveConnection>();
    userConnections.add(connection);
    this.connectionsByUser.set(user.id, userConnections);

    const expiry = setTimeout(() => connection.closeForToken('token expired'), remainingMs(user.tokenExpiresAt));
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
    return connection;
  }

  private recheckSocketsOf(userId: string): void {
    this.accessChanges++;
    for (const connection of this.connectionsByUser.get(userId) ?? []) void this.recheck(connection);
  }

  /**
   * Closes the socket if its token no longer stands, by every rule the token service applies to a request
   * (logged out, an older token version, and whatever rules come later).
   */
  private async recheck(connection: LiveConnection): Promise<void> {
    try {
      await this.tokens.verify(connection.token);
    } catch (error) {
      if (error instanceof UnauthorizedException) return connection.closeForToken('token revoked');
      // Unsure whether the token still stands, the socket is not left open on it; the client reconnects.
      this.logger.error({ err: error }, `could not check the token of a live socket of ${connection.user.username} again`);
      connection.socket.close(CLOSE_INTERNAL_ERROR, 'token check failed');
    }
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

function refuse(socket: Duplex, status: number, reason: string, retryAfterSeconds?: number): void {
  const retryAfter = retryAfterSeconds === undefined ? '' : `Retry-After: ${retryAfterSeconds}\r\n`;
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${retryAfter}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** setTimeout holds at most 2^31-1 ms (24.8 days); a socket of a longer-lived token is closed then and reconnects. */
function remainingMs(expiresAt: Date): number {
  return Math.min(2 ** 31 - 1, Math.max(0, expiresAt.getTime() - Date.now()));
}
