import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketModule } from '@lilux/api/market';
import { UsersModule } from '@lilux/api/users';
import { AccountsService } from './accounts.service';
import { AccountEntity } from './entities/account.entity';
import { BalanceEntity } from './entities/balance.entity';
import { EquityDayEntity, EquityHourEntity } from './entities/equity-bucket.entity';
import { ExchangeCredentialsEntity } from './entities/exchange-credentials.entity';
import { FillEntity } from './entities/fill.entity';
import { OrderTransitionEntity } from './entities/order-transition.entity';
import { OrderEntity } from './entities/order.entity';
import { PositionEntity } from './entities/position.entity';
import { ExchangeRegistry } from './exchange-registry';
import { OrderEvents } from './order-events';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';
import { PositionsService } from './positions.service';
import { TradingHoldings } from './trading-holdings';

/**
 * Accounts, order entry and history, and the exchange port. The adapters live in modules of their own
 * (`PaperExchangeModule`, `CcxtExchangeModule`) and register themselves in the exported {@link ExchangeRegistry}.
 */
@Module({
  imports: [
    MarketModule,
    UsersModule,
    TypeOrmModule.forFeature([
      AccountEntity,
      BalanceEntity,
      OrderEntity,
      OrderTransitionEntity,
      FillEntity,
      ExchangeCredentialsEntity,
      PositionEntity,
      EquityHourEntity,
      EquityDayEntity,
    ]),
  ],
  controllers: [OrdersController],
  providers: [ExchangeRegistry, OrderEvents, AccountsService, OrdersService, PositionsService, TradingHoldings],
  exports: [ExchangeRegistry, OrderEvents, OrdersService, AccountsService, PositionsService],
})
export class OrdersModule {}
