import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import Redis from 'ioredis';

type Handler = (message: unknown) => void;

/**
 * Messages every instance of Lilux hears, the one that sent them included: order events for the live sockets,
 * logouts and password changes for the token checks. Over Redis pub/sub when REDIS_URL is set; within this
 * process otherwise (one instance, exactly as before). Messages from one sender arrive in the order it sent them.
 */
export abstract class ClusterBus {
  abstract publish(channel: string, message: unknown): Promise<void>;
  /** Resolves once messages on `channel` are being received. */
  abstract subscribe(channel: string, handler: Handler): Promise<void>;
  /** Whether the bus answers: always, within one process. */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}

export class LocalClusterBus extends ClusterBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, message: unknown): Promise<void> {
    // As over Redis, a message is heard after the sender has gone on, never inside its call.
    setImmediate(() => this.emitter.emit(channel, message));
  }

  async subscribe(channel: string, handler: Handler): Promise<void> {
    this.emitter.on(channel, handler);
  }

  async ping(): Promise<void> {
    return;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class RedisClusterBus extends ClusterBus {
  private readonly logger = new Logger(ClusterBus.name);
  private readonly handlers = new Map<string, Handler[]>();
  private readonly subscriber: Redis;

  constructor(
    private readonly publisher: Redis,
    private readonly prefix: string,
  ) {
    super();
    // A connection in subscriber mode can do nothing else: one to listen, the shared one to publish.
    this.subscriber = publisher.duplicate();
    this.subscriber.on('message', (channel: string, text: string) => this.deliver(channel, text));
    this.subscriber.on('error', (error) => this.logger.warn({ err: error }, 'redis subscriber connection'));
  }

  async publish(channel: string, message: unknown): Promise<void> {
    await this.publisher.publish(this.key(channel), JSON.stringify(message));
  }

  async subscribe(channel: string, handler: Handler): Promise<void> {
    const known = this.handlers.get(channel);
    if (known) {
      known.push(handler);
      return;
    }
    this.handlers.set(channel, [handler]);
    await this.subscriber.subscribe(this.key(channel));
  }

  async ping(): Promise<void> {
    await this.publisher.ping();
  }

  async close(): Promise<void> {
    await this.subscriber.quit();
  }

  private deliver(key: string, text: string): void {
    const channel = key.slice(this.prefix.length + 1);
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      this.logger.warn({ err: error, channel }, 'dropped a message that is not JSON');
      return;
    }
    for (const handler of this.handlers.get(channel) ?? []) handler(message);
  }

  private key(channel: string): string {
    return `${this.prefix}:${channel}`;
  }
}
