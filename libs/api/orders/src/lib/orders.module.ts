import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '@lilux/api/crypto';
import { MarketModule } from '@lilux/api/market';
import { UsersModule } from '@lilux/api/users';
import { AccountsService } from './accounts.service';
import { AccountEntity } from './entities/account.entity';
import { BalanceEntity } from './entities/balance.entity';
import { ExchangeCredentialsEntity } from './entities/exchange-credentials.entity';
import { FillEntity } from './entities/fill.entity';
import { OrderTransitionEntity } from './entities/order-transition.entity';
import { OrderEntity } from './entities/order.entity';
import { BinanceClients } from './exchange/binance-client';
import { CcxtExchange } from './exchange/ccxt-exchange';
import { ExchangeAccountsController } from './exchange/exchange-accounts.controller';
import { ExchangeAccountsService } from './exchange/exchange-accounts.service';
import { ExchangeRegistry } from './exchange-registry';
import { OrderEvents } from './order-events';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';
import { PaperExchange } from './paper/paper-exchange';
import { PaperMatchingEngine } from './paper/paper-matching-engine';

@Module({
  imports: [
    MarketModule,
    CryptoModule,
    UsersModule,
    TypeOrmModule.forFeature([AccountEntity, BalanceEntity, OrderEntity, OrderTransitionEntity, FillEntity, ExchangeCredentialsEntity]),
  ],
  controllers: [OrdersController, ExchangeAccountsController],
  providers: [
    ExchangeRegistry,
    OrderEvents,
    PaperExchange,
    PaperMatchingEngine,
    AccountsService,
    OrdersService,
    BinanceClients,
    ExchangeAccountsService,
    CcxtExchange,
  ],
  exports: [OrdersService, AccountsService],
})
export class OrdersModule {}
