import type { ThrottlerStorage } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const MINUTE_MS = 60_000;
const THROTTLER_NAME = 'ws-upgrade';

/**
 * WebSocket upgrades a minute per client address. Upgrades never reach Nest's guards, so they are counted here,
 * in the HTTP throttler's storage: in Redis, shared by every instance, when there is one.
 */
export class UpgradeRateLimit {
  constructor(
    private readonly storage: ThrottlerStorage,
    private readonly perMinute: number,
    private readonly trustProxy: boolean,
  ) {}

  /** Counts this upgrade: the seconds its address must wait before the next one, or 0 when this one may go on. */
  async secondsToWait(request: IncomingMessage): Promise<number> {
    // Hashed, as the HTTP throttler does: a forwarded address is whatever the client wrote, of any length.
    const address = createHash('sha256').update(clientAddressOf(request, this.trustProxy)).digest('hex');
    const record = await this.storage.increment(`${THROTTLER_NAME}:${address}`, MINUTE_MS, this.perMinute, MINUTE_MS, THROTTLER_NAME);
    return record.isBlocked ? Math.max(1, record.timeToBlockExpire) : 0;
  }
}

/**
 * The client's address as Fastify reads it for the HTTP limits: behind a trusted proxy (TRUST_PROXY), the first
 * X-Forwarded-For entry; otherwise the peer's.
 */
export function clientAddressOf(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)?.split(',')[0].trim();
  return first || request.socket.remoteAddress || '';
}
