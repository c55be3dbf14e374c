import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketModule } from '@lilux/api/market';
import { AccountsService } from './accounts.service';
import { AccountEntity } from './entities/account.entity';
import { BalanceEntity } from './entities/balance.entity';
import { FillEntity } from './entities/fill.entity';
import { OrderTransitionEntity } from './entities/order-transition.entity';
import { OrderEntity } from './entities/order.entity';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';
import { PaperExchange } from './paper/paper-exchange';
import { PaperMatchingEngine } from './paper/paper-matching-engine';

@Module({
  imports: [
    MarketModule,
    TypeOrmModule.forFeature([AccountEntity, BalanceEntity, OrderEntity, OrderTransitionEntity, FillEntity]),
  ],
  controllers: [OrdersController],
  providers: [PaperExchange, PaperMatchingEngine, AccountsService, OrdersService],
  exports: [OrdersService, AccountsService],
})
export class OrdersModule {}
