import { Module } from '@nestjs/common';
import { AuthModule } from '@lilux/api/auth';
import { MarketModule } from '@lilux/api/market';
import { LiveFrames } from './live-frames';
import { LiveGateway } from './live.gateway';

@Module({
  imports: [AuthModule, MarketModule],
  providers: [LiveGateway, LiveFrames],
})
export class LiveModule {}
