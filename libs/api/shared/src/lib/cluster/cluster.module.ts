import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { Environment } from '../config/environment';
import { Clock, SystemClock } from '../time/clock';
import { AttemptCounter, MemoryAttemptCounter, RedisAttemptCounter } from './attempt-counter';
import { ClusterBus, LocalClusterBus, RedisClusterBus } from './cluster-bus';

/** The Redis connection of a cluster (null in single-process mode), for what keeps shared state there. */
export const REDIS = Symbol('REDIS');

type Config = ConfigService<Environment, true>;

/** What the instances of a cluster share: the message bus, counts of attempts, and Redis when REDIS_URL is set. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: Config): Redis | null => {
        const url = config.get('REDIS_URL', { infer: true });
        // Commands wait for the connection instead of failing at once while Redis restarts.
        return url ? new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: true }) : null;
      },
    },
    {
      provide: ClusterBus,
      inject: [REDIS, ConfigService],
      useFactory: (redis: Redis | null, config: Config): ClusterBus =>
        redis ? new RedisClusterBus(redis, config.get('REDIS_PREFIX', { infer: true })) : new LocalClusterBus(),
    },
    {
      provide: AttemptCounter,
      // A test module without a clock of its own counts in real time.
      inject: [REDIS, ConfigService, { token: Clock, optional: true }],
      useFactory: (redis: Redis | null, config: Config, clock: Clock | undefined): AttemptCounter =>
        redis ? new RedisAttemptCounter(redis, config.get('REDIS_PREFIX', { infer: true })) : new MemoryAttemptCounter(clock ?? new SystemClock()),
    },
  ],
  exports: [REDIS, ClusterBus, AttemptCounter],
})
export class ClusterModule implements OnApplicationShutdown {
  constructor(
    private readonly bus: ClusterBus,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    await this.redis?.quit();
  }
}
