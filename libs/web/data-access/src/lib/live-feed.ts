import { DestroyRef, effect, inject, Injectable, InjectionToken, signal, untracked } from '@angular/core';
import {
  LIVE_PROTOCOL,
  LIVE_TOKEN_PROTOCOL_PREFIX,
  type Candle,
  type LiveClientMessage,
  type LiveServerMessage,
  type LiveUserMessage,
  type NotificationEvent,
  type OrderEvent,
  type Ticker,
  type Timeframe,
} from '@lilux/contracts';
import { AuthSession } from '@lilux/web/auth';
import { Observable, Subject, filter, map, share } from 'rxjs';

export type LiveState = 'connecting' | 'live' | 'offline';

/** Where the live socket is: the page's own server, unless a test says otherwise. */
export const LIVE_URL = new InjectionToken<string>('LIVE_URL', {
  factory: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
});

const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;
/** How the server closes a socket whose token expired or stopped standing (its session ended). */
const CLOSE_TOKEN_REFUSED = 4001;

/**
 * One WebSocket for the whole console. Subscriptions are counted, so that two panels watching the same symbol
 * share one server subscription, and are sent again after a reconnect (with back-off while the server is away).
 * The socket is opened with the session's access token: a renewed token opens a new one, and a socket the server
 * closes for its token asks the session for a new token first.
 */
@Injectable({ providedIn: 'root' })
export class LiveFeed {
  private readonly session = inject(AuthSession);
  private readonly url = inject(LIVE_URL);
  private readonly messages = new Subject<LiveServerMessage>();
  private readonly subscriptions = new Map<string, { message: LiveClientMessage; count: number }>();
  private socket: WebSocket | null = null;
  /** The token the socket was opened with. */
  private socketToken: string | null = null;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly connectionState = signal<LiveState>('offline');

  readonly state = this.connectionState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.close());
    effect(() => {
      const token = this.session.token();
      untracked(() => this.useToken(token));
    });
  }

  candles(symbol: string, timeframe: Timeframe): Observable<Candle> {
    const request = { channel: 'candles', symbol, timeframe } as const;
    return this.watch(`candles|${symbol}|${timeframe}`, request).pipe(
      filter((message) => message.type === 'candle' && message.symbol === symbol && message.timeframe === timeframe),
      map((message) => (message as Extract<LiveServerMessage, { type: 'candle' }>).candle),
    );
  }

  ticker(symbol: string): Observable<Ticker> {
    return this.watch(`ticker|${symbol}`, { channel: 'ticker', symbol }).pipe(
      filter((message) => message.type === 'ticker' && message.ticker.symbol === symbol),
      map((message) => (message as Extract<LiveServerMessage, { type: 'ticker' }>).ticker),
    );
  }

  /** The signed-in user's order and trade events; the server sends them to every socket of the user. */
  readonly userEvents: Observable<OrderEvent> = new Observable<LiveServerMessage>((subscriber) => {
    this.connect();
    return this.messages.subscribe(subscriber);
  }).pipe(
    // Notification and alert events share the user's messages; these subscribers trade on orders and fills only.
    filter((message): message is LiveUserMessage & OrderEvent => message.type === 'user' && (message.event === 'order' || message.event === 'trade')),
    share(),
  );

  /** The signed-in user's alert and notification events (an alert fired or changed, a notification or its deliveries). */
  readonly alertEvents: Observable<NotificationEvent> = new Observable<LiveServerMessage>((subscriber) => {
    this.connect();
    return this.messages.subscribe(subscriber);
  }).pipe(
    filter(
      (message): message is LiveUserMessage & NotificationEvent => message.type === 'user' && (message.event === 'notification' || message.event === 'alert'),
    ),
    share(),
  );

  /** Closes the socket, e.g. on logout: the next subscription opens a new one with the new token. */
  close(): void {
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000);
    this.connectionState.set('offline');
  }

  private watch(
    key: string,
    request: { channel: 'candles'; symbol: string; timeframe: Timeframe } | { channel: 'ticker'; symbol: string },
  ): Observable<LiveServerMessage> {
    return new Observable<LiveServerMessage>((subscriber) => {
      const inner = this.messages.subscribe(subscriber);
      const existing = this.subscriptions.get(key);
      if (existing) existing.count++;
      else {
        const message = { type: 'subscribe', ...request } as LiveClientMessage;
        this.subscriptions.set(key, { message, count: 1 });
        this.send(message);
      }
      return () => {
        inner.unsubscribe();
        const entry = this.subscriptions.get(key);
        if (entry && --entry.count === 0) {
          this.subscriptions.delete(key);
          this.send({ ...entry.message, type: 'unsubscribe' } as LiveClientMessage);
        }
      };
    });
  }

  private send(message: LiveClientMessage): void {
    this.connect();
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
    // Otherwise the subscription is sent when the socket opens.
  }

  /** Whether anything listens, so that the socket should be open. */
  private get isWanted(): boolean {
    return this.subscriptions.size > 0 || this.messages.observed;
  }

  private useToken(token: string | null): void {
    if (token === null) return this.close();
    if (token === this.socketToken || !this.isWanted) return;
    // A renewed token: the socket opened with the old one would be closed when that one expires.
    this.close();
    this.connect();
  }

  private connect(): void {
    const token = this.session.token();
    if (this.socket || !token) return;
    const socket = new WebSocket(this.url, [LIVE_PROTOCOL, `${LIVE_TOKEN_PROTOCOL_PREFIX}${token}`]);
    this.socket = socket;
    this.socketToken = token;
    this.connectionState.set('connecting');
    socket.onopen = () => {
      this.reconnectDelay = RECONNECT_MIN_MS;
      this.connectionState.set('live');
      for (const { message } of this.subscriptions.values()) socket.send(JSON.stringify(message));
    };
    socket.onmessage = (event) => {
      try {
        this.messages.next(JSON.parse(String(event.data)) as LiveServerMessage);
      } catch {
        // A frame that is not JSON is not ours; the feed goes on.
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.connectionState.set('offline');
      if (event.code === CLOSE_TOKEN_REFUSED) void this.renewToken();
      else this.reconnectLater();
    };
  }

  /** A renewed token reopens the socket (see useToken); a refused renewal means the session is over. */
  private async renewToken(): Promise<void> {
    if ((await this.session.refresh()) !== null) return;
    if (this.session.isAuthenticated()) this.reconnectLater();
    else this.session.signInAgain();
  }

  private reconnectLater(): void {
    if (!this.session.token() || !this.isWanted) return;
    this.reconnectTimer = setTimeout(() => this.connect(), this.reconnectDelay);
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
  }
}
