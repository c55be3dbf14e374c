import { Module } from '@nestjs/common';
import { TwoFactorModule } from '@lilux/api/auth';
import { AuditModule } from '@lilux/api/audit';
import { CryptoModule } from '@lilux/api/crypto';
import { UsersModule } from '@lilux/api/users';
import { OrdersModule } from '@lilux/api/orders';
import { AccountProblems } from './account-problems';
import { BinanceClients } from './binance-client';
import { CcxtExchange } from './ccxt-exchange';
import { ExchangeAccountsController } from './exchange-accounts.controller';
import { ExchangeAccountsService } from './exchange-accounts.service';

/** Binance testnet and live accounts through ccxt: their encrypted keys, their orders, and the reconciler. */
@Module({
  imports: [OrdersModule, CryptoModule, UsersModule, TwoFactorModule, AuditModule],
  controllers: [ExchangeAccountsController],
  providers: [BinanceClients, ExchangeAccountsService, CcxtExchange, AccountProblems],
})
export class CcxtExchangeModule {}
