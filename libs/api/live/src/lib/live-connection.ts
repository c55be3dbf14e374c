import type { LiveClientMessage, LiveServerMessage } from '@lilux/contracts';
import type { AuthenticatedUser } from '@lilux/api/auth';
import { MarketService } from '@lilux/api/market';
import { DomainError } from '@lilux/api/shared';
import { Observable, Subscription } from 'rxjs';
import { WebSocket } from 'ws';
import { parseLiveClientMessage } from './live-client-message';
import { LiveFrames } from './live-frames';

/** Enough for a few charts and a watch list; a client asking for more is misbehaving. */
export const MAX_SUBSCRIPTIONS = 32;
/** Close codes in the application range (4000–4999) so a client can tell why it was dropped. */
export const CLOSE_TOKEN_ENDED = 4001;
/** A client this far behind gets no more market updates until it catches up: the next one replaces them anyway. */
const SLOW_CLIENT_BUFFERED_BYTES = 1024 * 1024;

/** One authenticated socket and the market series it follows. */
export class LiveConnection {
  private readonly subscriptions = new Map<string, Subscription>();
  /** Subscriptions whose symbol is being checked: they count against the cap, so that a burst cannot outrun it. */
  private readonly pending = new Set<string>();
  alive = true;

  constructor(
    readonly socket: WebSocket,
    readonly user: AuthenticatedUser,
    /** The raw token the socket was opened with, to ask again whether it still stands. */
    readonly token: string,
    private readonly market: MarketService,
    private readonly frames: LiveFrames,
  ) {}

  async receive(frame: string): Promise<void> {
    const message = parseLiveClientMessage(frame);
    if ('error' in message) return this.send({ type: 'error', message: message.error });
    if (message.type === 'unsubscribe') return this.unsubscribe(message);
    return this.subscribe(message);
  }

  send(message: LiveServerMessage): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** A frame serialized once for every socket that gets it (see {@link LiveFrames}). */
  sendFrame(frame: Buffer): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame, { binary: false });
  }

  /** Ends the socket because its token no longer stands for its user: it expired, or was revoked. */
  closeForToken(reason: 'token expired' | 'token revoked'): void {
    this.socket.close(CLOSE_TOKEN_ENDED, reason);
  }

  close(): void {
    for (const subscription of this.subscriptions.values()) subscription.unsubscribe();
    this.subscriptions.clear();
    this.pending.clear();
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  private async subscribe(message: LiveClientMessage & { type: 'subscribe' }): Promise<void> {
    const key = keyOf(message);
    const confirmation = { type: 'subscribed', channel: message.channel, symbol: message.symbol, ...timeframeOf(message) } as const;
    if (this.subscriptions.has(key)) return this.send(confirmation);
    // The same subscription is being checked: its answer serves both.
    if (this.pending.has(key)) return;
    if (this.subscriptions.size + this.pending.size >= MAX_SUBSCRIPTIONS) {
      return this.send({ type: 'error', message: `at most ${MAX_SUBSCRIPTIONS} subscriptions per connection` });
    }
    this.pending.add(key);
    try {
      await this.market.market(message.symbol);
    } catch (error) {
      this.pending.delete(key);
      if (error instanceof DomainError) return this.send({ type: 'error', message: error.message });
      throw error;
    }
    // An unsubscribe withdrew it, or the socket closed, while the symbol was checked.
    if (!this.pending.delete(key) || this.socket.readyState !== WebSocket.OPEN) return;
    const updates: Observable<Buffer> =
      message.channel === 'candles' ? this.frames.candles(message.symbol, message.timeframe) : this.frames.ticker(message.symbol);
    this.send(confirmation);
    this.subscriptions.set(
      key,
      updates.subscribe((frame) => {
        if (this.socket.bufferedAmount < SLOW_CLIENT_BUFFERED_BYTES) this.sendFrame(frame);
      }),
    );
  }

  private unsubscribe(message: LiveClientMessage & { type: 'unsubscribe' }): void {
    const key = keyOf(message);
    this.pending.delete(key);
    this.subscriptions.get(key)?.unsubscribe();
    this.subscriptions.delete(key);
    this.send({ type: 'unsubscribed', channel: message.channel, symbol: message.symbol, ...timeframeOf(message) });
  }
}

function keyOf(message: LiveClientMessage): string {
  return message.channel === 'candles' ? `candles|${message.symbol}|${message.timeframe}` : `ticker|${message.symbol}`;
}

function timeframeOf(message: LiveClientMessage) {
  return message.channel === 'candles' ? { timeframe: message.timeframe } : {};
}
