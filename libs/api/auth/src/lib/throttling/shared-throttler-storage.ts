import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type Redis from 'ioredis';

/**
 * Request counts kept in Redis, so a limit holds across every instance of a cluster: five wrong passwords
 * spread over two instances are five, not two and three. Keys start with the deployment's prefix, so several
 * deployments can share one Redis.
 */
export class SharedThrottlerStorage implements ThrottlerStorage {
  private readonly storage: ThrottlerStorageRedisService;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    this.storage = new ThrottlerStorageRedisService(redis);
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    return this.storage.increment(`${this.prefix}:throttle:${key}`, ttl, limit, blockDuration, throttlerName);
  }
}
