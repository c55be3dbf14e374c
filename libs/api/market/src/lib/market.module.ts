import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, Environment } from '@lilux/api/shared';
import { CandleCache } from './cache/candle-cache';
import { MarketController } from './market.controller';
import { MARKET_SOURCE_CHOICE, MarketService } from './market.service';
import { chooseMarketSource } from './sources/choose-market-source';

@Module({
  controllers: [MarketController],
  providers: [
    {
      provide: CandleCache,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => new CandleCache(config.get('MARKET_CACHE_MB', { infer: true }) * 1024 * 1024),
    },
    {
      provide: MARKET_SOURCE_CHOICE,
      inject: [ConfigService, Clock],
      useFactory: (config: ConfigService<Environment, true>, clock: Clock) =>
        chooseMarketSource(
          {
            MARKET_DATA: config.get('MARKET_DATA', { infer: true }),
            MARKET_DATA_URL: config.get('MARKET_DATA_URL', { infer: true }),
            MARKET_DATA_TIMEOUT_MS: config.get('MARKET_DATA_TIMEOUT_MS', { infer: true }),
            MARKET_SEED: config.get('MARKET_SEED', { infer: true }),
          },
          clock,
        ),
    },
    MarketService,
  ],
  exports: [MarketService],
})
export class MarketModule {}
