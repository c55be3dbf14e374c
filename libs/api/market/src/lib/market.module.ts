import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, Environment, REDIS } from '@lilux/api/shared';
import { ColdCandleBudget } from './budget/cold-candle-budget';
import { CandleCache } from './cache/candle-cache';
import { MarketController } from './market.controller';
import { MARKET_SOURCE_CHOICE, MarketService } from './market.service';
import { chooseMarketSource } from './sources/choose-market-source';
import { SharedMarketData } from './sources/shared-market-data';
import type Redis from 'ioredis';

@Module({
  controllers: [MarketController],
  providers: [
    {
      provide: CandleCache,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => new CandleCache(config.get('MARKET_CACHE_MB', { infer: true }) * 1024 * 1024),
    },
    { provide: ColdCandleBudget, inject: [Clock], useFactory: (clock: Clock) => new ColdCandleBudget(clock) },
    {
      provide: MARKET_SOURCE_CHOICE,
      inject: [ConfigService, Clock, REDIS],
      useFactory: async (config: ConfigService<Environment, true>, clock: Clock, redis: Redis | null) => {
        const timeoutMs = config.get('MARKET_DATA_TIMEOUT_MS', { infer: true });
        const choice = await chooseMarketSource(
          {
            MARKET_DATA: config.get('MARKET_DATA', { infer: true }),
            MARKET_DATA_URL: config.get('MARKET_DATA_URL', { infer: true }),
            MARKET_DATA_TIMEOUT_MS: timeoutMs,
            MARKET_SEED: config.get('MARKET_SEED', { infer: true }),
          },
          clock,
        );
        // In a cluster an exchange is read once for all instances; the simulated feed costs nothing to read.
        if (!redis || choice.source.name !== 'binance') return choice;
        return { ...choice, source: new SharedMarketData(choice.source, redis, config.get('REDIS_PREFIX', { infer: true }), timeoutMs) };
      },
    },
    MarketService,
  ],
  exports: [MarketService],
})
export class MarketModule {}
