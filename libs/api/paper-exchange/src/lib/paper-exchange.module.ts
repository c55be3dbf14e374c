import { Module } from '@nestjs/common';
import { MarketModule } from '@lilux/api/market';
import { OrdersModule } from '@lilux/api/orders';
import { PaperExchange } from './paper-exchange';
import { PaperMatchingEngine } from './paper-matching-engine';

/** The built-in exchange of paper accounts: its ledger, its matching engine, and its adapter on the port. */
@Module({
  imports: [OrdersModule, MarketModule],
  providers: [PaperExchange, PaperMatchingEngine],
  exports: [PaperMatchingEngine],
})
export class PaperExchangeModule {}
