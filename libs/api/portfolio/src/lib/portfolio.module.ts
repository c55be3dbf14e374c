import { Module } from '@nestjs/common';
import { MarketModule } from '@lilux/api/market';
import { OrdersModule } from '@lilux/api/orders';
import { EquitySnapshots } from './equity-snapshots';
import { PortfolioController } from './portfolio.controller';
import { PortfolioService } from './portfolio.service';

@Module({
  imports: [OrdersModule, MarketModule],
  controllers: [PortfolioController],
  providers: [PortfolioService, EquitySnapshots],
})
export class PortfolioModule {}
