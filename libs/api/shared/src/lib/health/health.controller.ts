import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type Redis from 'ioredis';
import type { HealthReport } from '@lilux/contracts';
import { REDIS } from '../cluster/cluster.module';
import { Public } from '../http/public.decorator';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Whether the API, its database and (in a cluster) Redis answer' })
  @ApiOkResponse({ description: 'Everything is up' })
  @ApiServiceUnavailableResponse({ description: 'The database or Redis does not answer' })
  async check(): Promise<HealthReport> {
    const checks: HealthIndicatorFunction[] = [() => this.database.pingCheck('database', { timeout: 2000 })];
    if (this.redis) checks.push(() => this.pingRedis(this.redis as Redis));
    const result = await this.health.check(checks);
    return { status: result.status === 'ok' ? 'ok' : 'error', details: result.details as HealthReport['details'] };
  }

  private async pingRedis(redis: Redis) {
    const indicator = this.indicators.check('redis');
    try {
      await Promise.race([redis.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2000).unref())]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
